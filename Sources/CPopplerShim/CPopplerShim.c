#include "CPopplerShim.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// poppler-glib and cairo are loaded when the first page is first drawn (in the parse worker),
// not linked: they bring some forty libraries (NSS, lcms, TIFF, OpenJPEG, fontconfig…) that
// every other process — the daemon, each `ingest` Postfix starts, every command — would map
// at start for nothing (7 MiB of resident memory each, measured). GLib and GObject are
// GMime's, already linked. The few declarations needed are written here, from poppler-glib
// 22.12's and cairo 1.16's headers, so building needs neither's development package.

typedef struct _GBytes GBytes;
typedef struct _GError GError;
typedef void PopplerDocument;
typedef void PopplerPage;
typedef void cairo_surface_t;
typedef void cairo_t;
typedef int cairo_status_t;
typedef cairo_status_t (*cairo_write_func_t)(void *closure, const unsigned char *data, unsigned int length);
enum { CAIRO_STATUS_SUCCESS = 0, CAIRO_STATUS_NO_MEMORY = 1, CAIRO_STATUS_WRITE_ERROR = 11, CAIRO_FORMAT_RGB24 = 1 };

extern GBytes *g_bytes_new_static(const void *data, size_t size);
extern void g_bytes_unref(GBytes *bytes);
extern void g_clear_error(GError **error);
extern void g_object_unref(void *object);

static struct {
    PopplerDocument *(*document_new_from_bytes)(GBytes *, const char *, GError **);
    int (*document_get_n_pages)(PopplerDocument *);
    PopplerPage *(*document_get_page)(PopplerDocument *, int);
    void (*page_get_size)(PopplerPage *, double *, double *);
    void (*page_render_for_printing)(PopplerPage *, cairo_t *);
    cairo_surface_t *(*image_surface_create)(int, int, int);
    cairo_status_t (*surface_status)(cairo_surface_t *);
    cairo_t *(*create)(cairo_surface_t *);
    void (*set_source_rgb)(cairo_t *, double, double, double);
    void (*paint)(cairo_t *);
    void (*scale)(cairo_t *, double, double);
    void (*destroy)(cairo_t *);
    void (*surface_flush)(cairo_surface_t *);
    cairo_status_t (*surface_write_to_png_stream)(cairo_surface_t *, cairo_write_func_t, void *);
    void (*surface_destroy)(cairo_surface_t *);
    int loaded;
} api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *poppler = dlopen("libpoppler-glib.so.8", RTLD_NOW | RTLD_LOCAL);
    void *cairo = dlopen("libcairo.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!poppler || !cairo) return;
#define FIND(lib, field, name) if (!(*(void **)&api.field = dlsym(lib, name))) return
    FIND(poppler, document_new_from_bytes, "poppler_document_new_from_bytes");
    FIND(poppler, document_get_n_pages, "poppler_document_get_n_pages");
    FIND(poppler, document_get_page, "poppler_document_get_page");
    FIND(poppler, page_get_size, "poppler_page_get_size");
    FIND(poppler, page_render_for_printing, "poppler_page_render_for_printing");
    FIND(cairo, image_surface_create, "cairo_image_surface_create");
    FIND(cairo, surface_status, "cairo_surface_status");
    FIND(cairo, create, "cairo_create");
    FIND(cairo, set_source_rgb, "cairo_set_source_rgb");
    FIND(cairo, paint, "cairo_paint");
    FIND(cairo, scale, "cairo_scale");
    FIND(cairo, destroy, "cairo_destroy");
    FIND(cairo, surface_flush, "cairo_surface_flush");
    FIND(cairo, surface_write_to_png_stream, "cairo_surface_write_to_png_stream");
    FIND(cairo, surface_destroy, "cairo_surface_destroy");
#undef FIND
    api.loaded = 1;
}

int indigate_pdf_drawing_available(void) {
    pthread_once(&load_once, load);
    return api.loaded;
}

typedef struct {
    unsigned char *data;
    size_t length;
    size_t capacity;
    size_t limit;
    int failed;
} png_buffer;

static cairo_status_t append_png(void *closure, const unsigned char *data, unsigned int length) {
    png_buffer *buffer = closure;
    if (buffer->failed || buffer->length + length > buffer->limit) {
        buffer->failed = 1;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    if (buffer->length + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity * 2 : 16384;
        while (capacity < buffer->length + length) capacity *= 2;
        unsigned char *grown = realloc(buffer->data, capacity);
        if (!grown) {
            buffer->failed = 1;
            return CAIRO_STATUS_NO_MEMORY;
        }
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->length, data, length);
    buffer->length += length;
    return CAIRO_STATUS_SUCCESS;
}

int indigate_pdf_first_page_png(const void *bytes, size_t length, int width, size_t max_png, unsigned char **png,
                                size_t *png_length) {
    *png = NULL;
    *png_length = 0;
    if (width < 1 || width > 2000 || !indigate_pdf_drawing_available()) return -1;
    GBytes *data = g_bytes_new_static(bytes, length);
    GError *error = NULL;
    PopplerDocument *document = api.document_new_from_bytes(data, NULL, &error);
    if (!document) {
        g_clear_error(&error);
        g_bytes_unref(data);
        return -1;
    }
    int result = -1;
    PopplerPage *page = api.document_get_n_pages(document) > 0 ? api.document_get_page(document, 0) : NULL;
    if (page) {
        double page_width = 0, page_height = 0;
        api.page_get_size(page, &page_width, &page_height);
        if (page_width > 1 && page_height > 1) {
            double scale = (double)width / page_width;
            double scaled = page_height * scale;
            // A strip or a tower of a page is drawn no taller than four widths.
            int height = scaled < 1 ? 1 : (scaled > 4.0 * width ? 4 * width : (int)(scaled + 0.5));
            cairo_surface_t *surface = api.image_surface_create(CAIRO_FORMAT_RGB24, width, height);
            if (api.surface_status(surface) == CAIRO_STATUS_SUCCESS) {
                cairo_t *cr = api.create(surface);
                api.set_source_rgb(cr, 1, 1, 1);
                api.paint(cr);
                api.scale(cr, scale, scale);
                // The printing path draws images straight at the small scale; the screen path
                // pre-scales them first, which measured 32 ms against 12 ms for a 200 KB page.
                api.page_render_for_printing(page, cr);
                api.destroy(cr);
                api.surface_flush(surface);
                png_buffer buffer = {NULL, 0, 0, max_png, 0};
                if (api.surface_write_to_png_stream(surface, append_png, &buffer) == CAIRO_STATUS_SUCCESS &&
                    !buffer.failed) {
                    *png = buffer.data;
                    *png_length = buffer.length;
                    result = 0;
                } else {
                    free(buffer.data);
                }
            }
            api.surface_destroy(surface);
        }
        g_object_unref(page);
    }
    g_object_unref(document);
    g_bytes_unref(data);
    return result;
}
