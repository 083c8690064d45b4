#ifndef CPOPPLERSHIM_H
#define CPOPPLERSHIM_H
#include <stddef.h>

/// Renders the first page of the PDF in `bytes` (read in place, not copied) with poppler and
/// cairo, `width` pixels wide on white, as PNG bytes in `*png` (malloc'd; the caller frees them)
/// of `*png_length` bytes, at most `max_png` bytes. Returns 0 on success, -1 when poppler and
/// cairo cannot be loaded, poppler cannot open the file, it has no page, the page has no size
/// or the PNG would be larger.
/// Whether poppler-glib and cairo could be loaded (they are loaded at the first call).
int indigate_pdf_drawing_available(void);

int indigate_pdf_first_page_png(const void *bytes, size_t length, int width, size_t max_png, unsigned char **png,
                                size_t *png_length);

#endif
