// qpdf's C API (qpdf 11.3 on Debian 12, package libqpdf-dev). Plain C: Swift imports it
// directly, with no C++ on Swift's side; libqpdf itself links libstdc++.
#ifndef CQPDF_SHIM_H
#define CQPDF_SHIM_H
#include <qpdf/qpdf-c.h>
#endif
