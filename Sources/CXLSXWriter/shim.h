// libxlsxwriter's C API (1.1.4 on Debian 12, package libxlsxwriter-dev). Plain C with no variadic
// functions or function-like macros on the paths indigate uses: Swift imports it directly.
#ifndef CXLSXWRITER_SHIM_H
#define CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
