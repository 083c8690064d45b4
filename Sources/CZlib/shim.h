// zlib (1.2.13 on Debian 12, package zlib1g-dev), for raw inflate of ZIP entries and their CRC-32.
// Plain C: Swift calls inflateInit2_ with zlibVersion() where C would use the inflateInit2 macro.
#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>
#endif
