#include "CGMimeShim.h"
#include <string.h>

static gpointer indigate_gmime_init_once(gpointer unused) {
    (void)unused;
    g_mime_init();
    return NULL;
}

void indigate_gmime_init(void) {
    static GOnce once = G_ONCE_INIT;
    g_once(&once, indigate_gmime_init_once, NULL);
}

GMimeMessage *indigate_gmime_parse(const void *data, size_t length, GByteArray **view) {
    // A memory stream over the caller's bytes, not a copy (a 45 MB message would cost 45 MB
    // more): the stream does not own the array; the caller frees the array's wrapper, never
    // its data, after the message is gone.
    GByteArray *array = g_byte_array_new_take((guint8 *)data, length);
    *view = array;
    GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(array);
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    g_object_unref(stream);
    GMimeParserOptions *options = g_mime_parser_options_new();
    g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_allow_addresses_without_domain(options, FALSE);
    // Raw 8-bit headers: UTF-8 first, then windows-1251, the most common Russian legacy charset.
    const char *fallback[] = { "utf-8", "windows-1251", NULL };
    g_mime_parser_options_set_fallback_charsets(options, fallback);
    GMimeMessage *message = g_mime_parser_construct_message(parser, options);
    g_mime_parser_options_free(options);
    g_object_unref(parser);
    return message;
}

void indigate_gmime_free_view(GByteArray *view) {
    if (view != NULL) g_byte_array_free(view, FALSE);
}

bool indigate_gmime_is_multipart(GMimeObject *object) { return GMIME_IS_MULTIPART(object); }
bool indigate_gmime_is_part(GMimeObject *object) { return GMIME_IS_PART(object); }
bool indigate_gmime_is_text_part(GMimeObject *object) { return GMIME_IS_TEXT_PART(object); }
bool indigate_gmime_is_message_part(GMimeObject *object) { return GMIME_IS_MESSAGE_PART(object); }
bool indigate_gmime_is_mailbox(InternetAddress *address) { return INTERNET_ADDRESS_IS_MAILBOX(address); }
bool indigate_gmime_is_group(InternetAddress *address) { return INTERNET_ADDRESS_IS_GROUP(address); }

GMimeObject *indigate_gmime_message_object(GMimeMessage *message) { return GMIME_OBJECT(message); }
GMimeObject *indigate_gmime_part_object(GMimePart *part) { return GMIME_OBJECT(part); }
GMimeObject *indigate_gmime_multipart_object(GMimeMultipart *multipart) { return GMIME_OBJECT(multipart); }
GMimeMultipart *indigate_gmime_as_multipart(GMimeObject *object) {
    return GMIME_IS_MULTIPART(object) ? GMIME_MULTIPART(object) : NULL;
}

GMimeObject *indigate_gmime_text_part_object(GMimeTextPart *part) { return GMIME_OBJECT(part); }
GMimePart *indigate_gmime_text_part_as_part(GMimeTextPart *part) { return GMIME_PART(part); }

int indigate_gmime_multipart_count(GMimeObject *multipart) {
    return GMIME_IS_MULTIPART(multipart) ? g_mime_multipart_get_count(GMIME_MULTIPART(multipart)) : 0;
}

GMimeObject *indigate_gmime_multipart_child(GMimeObject *multipart, int index) {
    if (!GMIME_IS_MULTIPART(multipart)) return NULL;
    return g_mime_multipart_get_part(GMIME_MULTIPART(multipart), index);
}

GMimeMessage *indigate_gmime_message_part_message(GMimeObject *object) {
    if (!GMIME_IS_MESSAGE_PART(object)) return NULL;
    return g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
}

GMimeObject *indigate_gmime_message_body(GMimeMessage *message) {
    return g_mime_message_get_mime_part(message);
}

InternetAddressList *indigate_gmime_group_members(InternetAddress *address) {
    if (!INTERNET_ADDRESS_IS_GROUP(address)) return NULL;
    return internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address));
}

const char *indigate_gmime_mailbox_addr(InternetAddress *address) {
    if (!INTERNET_ADDRESS_IS_MAILBOX(address)) return NULL;
    return internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
}

unsigned char *indigate_gmime_part_bytes(GMimeObject *part, size_t *length) {
    *length = 0;
    if (!GMIME_IS_PART(part)) return NULL;
    GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(part));
    if (content == NULL) return NULL;
    GMimeStream *sink = g_mime_stream_mem_new();
    // Writing a data wrapper to a stream undoes the transfer encoding.
    g_mime_data_wrapper_write_to_stream(content, sink);
    // Take the decoded bytes from the stream instead of copying them: the stream no longer owns
    // its array, and the array's data is handed to the caller (g_free).
    GByteArray *array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(sink));
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(sink), FALSE);
    g_object_unref(sink);
    *length = array->len;
    if (array->len == 0) g_byte_array_append(array, (const guint8 *)"", 1);
    return g_byte_array_free(array, FALSE);
}

size_t indigate_gmime_part_decoded_bound(GMimeObject *part) {
    if (!GMIME_IS_PART(part)) return 0;
    GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(part));
    if (content == NULL) return 0;
    GMimeStream *stream = g_mime_data_wrapper_get_stream(content);
    if (stream == NULL) return 0;
    gint64 length = g_mime_stream_length(stream);
    if (length < 0) return 0;
    return (size_t)length + 4096;
}

size_t indigate_gmime_part_decode(GMimeObject *part, unsigned char *out, size_t capacity) {
    if (!GMIME_IS_PART(part)) return (size_t)-1;
    GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(part));
    if (content == NULL) return (size_t)-1;
    GMimeStream *stream = g_mime_data_wrapper_get_stream(content);
    if (stream == NULL) return (size_t)-1;
    GMimeEncoding state;
    g_mime_encoding_init_decode(&state, g_mime_data_wrapper_get_encoding(content));
    char chunk[65536];
    size_t written = 0;
    g_mime_stream_reset(stream);
    for (;;) {
        ssize_t n = g_mime_stream_read(stream, chunk, sizeof chunk);
        if (n <= 0) break;
        if (g_mime_encoding_outlen(&state, (size_t)n) > capacity - written) {
            g_mime_stream_reset(stream);
            return (size_t)-1;
        }
        written += g_mime_encoding_step(&state, chunk, (size_t)n, (char *)out + written);
    }
    if (g_mime_encoding_outlen(&state, 0) > capacity - written) {
        g_mime_stream_reset(stream);
        return (size_t)-1;
    }
    written += g_mime_encoding_flush(&state, chunk, 0, (char *)out + written);
    g_mime_stream_reset(stream);
    return written;
}

const char *indigate_gmime_part_filename(GMimeObject *part) {
    if (!GMIME_IS_PART(part)) return NULL;
    return g_mime_part_get_filename(GMIME_PART(part));
}

bool indigate_gmime_part_is_attachment(GMimeObject *part) {
    if (!GMIME_IS_PART(part)) return false;
    return g_mime_part_is_attachment(GMIME_PART(part));
}

char *indigate_gmime_to_utf8(const char *data, size_t length, const char *charset, size_t *out_length) {
    *out_length = 0;
    const char *name = g_mime_charset_iconv_name(charset);
    if (name == NULL) return NULL;
    iconv_t cd = g_mime_iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1) return NULL;
    char *converted = g_mime_iconv_strndup(cd, data, length);
    g_mime_iconv_close(cd);
    if (converted != NULL) *out_length = strlen(converted);
    return converted;
}

unsigned char *indigate_gmime_object_to_crlf_bytes(GMimeObject *object, size_t *length) {
    GMimeFormatOptions *format = g_mime_format_options_new();
    g_mime_format_options_set_newline_format(format, GMIME_NEWLINE_FORMAT_DOS);
    GMimeStream *sink = g_mime_stream_mem_new();
    g_mime_object_write_to_stream(object, format, sink);
    g_mime_format_options_free(format);
    // Take the decoded bytes from the stream instead of copying them: the stream no longer owns
    // its array, and the array's data is handed to the caller (g_free).
    GByteArray *array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(sink));
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(sink), FALSE);
    g_object_unref(sink);
    *length = array->len;
    if (array->len == 0) g_byte_array_append(array, (const guint8 *)"", 1);
    return g_byte_array_free(array, FALSE);
}

void indigate_gmime_part_set_bytes(GMimePart *part, const void *data, size_t length,
                                   GMimeContentEncoding encoding) {
    GMimeStream *stream = g_mime_stream_mem_new_with_buffer((const char *)data, length);
    GMimeDataWrapper *wrapper = g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT);
    g_mime_part_set_content(part, wrapper);
    g_object_unref(wrapper);
    g_object_unref(stream);
    g_mime_part_set_content_encoding(part, encoding);
}

GMimeContentEncoding indigate_gmime_part_set_bytes_best(GMimePart *part, const void *data, size_t length,
                                                       GMimeEncodingConstraint constraint) {
    indigate_gmime_part_set_bytes(part, data, length, GMIME_CONTENT_ENCODING_DEFAULT);
    GMimeContentEncoding best = g_mime_part_get_best_content_encoding(part, constraint);
    g_mime_part_set_content_encoding(part, best);
    return best;
}

void indigate_gmime_message_set_date(GMimeMessage *message, long long unix_time, int utc_offset_seconds) {
    GTimeZone *zone = g_time_zone_new_offset(utc_offset_seconds);
    GDateTime *utc = g_date_time_new_from_unix_utc(unix_time);
    GDateTime *local = g_date_time_to_timezone(utc, zone);
    g_mime_message_set_date(message, local);
    g_date_time_unref(local);
    g_date_time_unref(utc);
    g_time_zone_unref(zone);
}

void indigate_gmime_message_add_utf8_mailbox(GMimeMessage *message, GMimeAddressType type,
                                             const char *name, const char *addr) {
    InternetAddress *mailbox = internet_address_mailbox_new(name, addr);
    internet_address_set_charset(mailbox, "utf-8");
    internet_address_list_add(g_mime_message_get_addresses(message, type), mailbox);
    g_object_unref(mailbox);
}

char *indigate_gmime_raw_header(GMimeObject *object, const char *name) {
    GMimeHeaderList *list = g_mime_object_get_header_list(object);
    if (list == NULL) return NULL;
    GMimeHeader *header = g_mime_header_list_get_header(list, name);
    if (header == NULL) return NULL;
    const char *raw = g_mime_header_get_raw_value(header);
    if (raw == NULL) return NULL;
    return g_mime_utils_header_unfold(raw);
}

char *indigate_gmime_decode_header_text(const char *text) {
    return g_mime_utils_header_decode_text(NULL, text);
}

int indigate_gmime_header_count(GMimeObject *object) {
    GMimeHeaderList *list = g_mime_object_get_header_list(object);
    return list == NULL ? 0 : g_mime_header_list_get_count(list);
}

const char *indigate_gmime_header_name_at(GMimeObject *object, int index) {
    GMimeHeaderList *list = g_mime_object_get_header_list(object);
    GMimeHeader *header = list == NULL ? NULL : g_mime_header_list_get_header_at(list, index);
    return header == NULL ? NULL : g_mime_header_get_name(header);
}

char *indigate_gmime_header_raw_at(GMimeObject *object, int index) {
    GMimeHeaderList *list = g_mime_object_get_header_list(object);
    GMimeHeader *header = list == NULL ? NULL : g_mime_header_list_get_header_at(list, index);
    const char *raw = header == NULL ? NULL : g_mime_header_get_raw_value(header);
    return raw == NULL ? NULL : g_mime_utils_header_unfold(raw);
}
