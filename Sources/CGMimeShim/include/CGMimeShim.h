// Prefixed helpers for what Swift cannot reach in GMime 3: the GType check macros,
// casts between GObject subclasses, and buffer-in/buffer-out wrappers around streams.
// Every pointer returned here follows the rule written beside it: "unref" means the caller
// owns one reference and must g_object_unref it; "g_free" means the caller owns the buffer.
#ifndef INDIGATE_CGMIMESHIM_H
#define INDIGATE_CGMIMESHIM_H

#include <gmime/gmime.h>
#include <stdbool.h>
#include <stddef.h>

/// Initialises GMime once per process (thread-safe, idempotent).
void indigate_gmime_init(void);

/// Parses one RFC 5322 message from memory with lenient options and the fallback charsets
/// utf-8 then windows-1251 for raw 8-bit headers. NULL when GMime finds no message. Unref.
/// The message reads `data` in place (no copy): the caller keeps `data` alive and unchanged
/// until it has unref'd the message, then passes `*view` to indigate_gmime_free_view.
GMimeMessage *indigate_gmime_parse(const void *data, size_t length, GByteArray **view);

/// Frees the view indigate_gmime_parse made over the caller's bytes (not the bytes), once the
/// message that read them is gone.
void indigate_gmime_free_view(GByteArray *view);

// --- type checks (GMIME_IS_* macros) -------------------------------------------------------
bool indigate_gmime_is_multipart(GMimeObject *object);
bool indigate_gmime_is_part(GMimeObject *object);
bool indigate_gmime_is_text_part(GMimeObject *object);
bool indigate_gmime_is_message_part(GMimeObject *object);
bool indigate_gmime_is_mailbox(InternetAddress *address);
bool indigate_gmime_is_group(InternetAddress *address);

// --- casts (no reference change) -------------------------------------------------------------
GMimeObject *indigate_gmime_message_object(GMimeMessage *message);
GMimeObject *indigate_gmime_part_object(GMimePart *part);
GMimeObject *indigate_gmime_multipart_object(GMimeMultipart *multipart);
GMimeMultipart *indigate_gmime_as_multipart(GMimeObject *object);
GMimeObject *indigate_gmime_text_part_object(GMimeTextPart *part);
GMimePart *indigate_gmime_text_part_as_part(GMimeTextPart *part);

// --- tree walking (borrowed pointers: valid while the parent lives) -----------------------
int indigate_gmime_multipart_count(GMimeObject *multipart);
GMimeObject *indigate_gmime_multipart_child(GMimeObject *multipart, int index);
/// The message inside a message/rfc822 part, or NULL. Borrowed.
GMimeMessage *indigate_gmime_message_part_message(GMimeObject *object);
/// The top-level MIME part of a message. Borrowed.
GMimeObject *indigate_gmime_message_body(GMimeMessage *message);
/// The group members of a group address. Borrowed.
InternetAddressList *indigate_gmime_group_members(InternetAddress *address);
/// The addr-spec of a mailbox address. Borrowed.
const char *indigate_gmime_mailbox_addr(InternetAddress *address);

/// The raw (undecoded, unfolded) value of the first header `name` of `object`, or NULL. g_free.
char *indigate_gmime_raw_header(GMimeObject *object, const char *name);
/// The number of headers of `object`, and each one's name (borrowed) and unfolded raw value
/// (g_free), for headers that may appear several times (Authentication-Results).
int indigate_gmime_header_count(GMimeObject *object);
const char *indigate_gmime_header_name_at(GMimeObject *object, int index);
char *indigate_gmime_header_raw_at(GMimeObject *object, int index);
/// Decodes one RFC 2047 encoded word (or any header text) with GMime. g_free.
char *indigate_gmime_decode_header_text(const char *text);

// --- part content ----------------------------------------------------------------------------
/// The transfer-decoded bytes of a leaf part (base64/QP undone, charset untouched). g_free.
/// NULL when the part has no content; *length is set in every case.
unsigned char *indigate_gmime_part_bytes(GMimeObject *part, size_t *length);

/// An upper bound of a part's decoded length (its encoded length and a margin), or 0 when it
/// has no content or its stream's length is unknown.
size_t indigate_gmime_part_decoded_bound(GMimeObject *part);

/// Decodes a part's content transfer encoding (base64, quoted-printable, uuencode; others as
/// they are) straight into `out`, as `g_mime_data_wrapper_write_to_stream` would, without a
/// buffer of its own. Returns the bytes written, or (size_t)-1 when they would not fit.
size_t indigate_gmime_part_decode(GMimeObject *part, unsigned char *out, size_t capacity);
/// The file name of a leaf part (RFC 2231 / RFC 2047 decoded by GMime), or NULL. Borrowed.
const char *indigate_gmime_part_filename(GMimeObject *part);
/// Whether the part's Content-Disposition says attachment.
bool indigate_gmime_part_is_attachment(GMimeObject *part);

/// Converts bytes in `charset` to UTF-8 with GMime's iconv (charset names are normalised, so
/// "cp1251", "Windows-1251", "koi8-r" all work). NULL when the charset is unknown or the
/// bytes are invalid in it. g_free.
char *indigate_gmime_to_utf8(const char *data, size_t length, const char *charset, size_t *out_length);

// --- composing -------------------------------------------------------------------------------
/// Serialises an object with CRLF line endings. g_free; *length set.
unsigned char *indigate_gmime_object_to_crlf_bytes(GMimeObject *object, size_t *length);
/// Sets the part's content to a copy of `data` with the given transfer encoding.
void indigate_gmime_part_set_bytes(GMimePart *part, const void *data, size_t length,
                                   GMimeContentEncoding encoding);
/// Sets the part's content and the transfer encoding GMime finds smallest for it within the
/// constraint (7bit: quoted-printable for mostly-ASCII text, base64 for Cyrillic; 8bit: none
/// where the lines allow). Returns the encoding chosen.
GMimeContentEncoding indigate_gmime_part_set_bytes_best(GMimePart *part, const void *data, size_t length,
                                                       GMimeEncodingConstraint constraint);
/// Sets the Date header from a Unix time and a UTC offset in seconds.
void indigate_gmime_message_set_date(GMimeMessage *message, long long unix_time, int utc_offset_seconds);
/// Adds a mailbox whose display name is encoded as UTF-8 (GMime would otherwise pick the
/// smallest charset per word, e.g. ISO-8859-5, which some clients show badly).
void indigate_gmime_message_add_utf8_mailbox(GMimeMessage *message, GMimeAddressType type,
                                             const char *name, const char *addr);

#endif
