import CGMime
import CGMimeShim
import IndigateCore

/// Writes an `OutgoingLetter` as RFC 5322 bytes with GMime: UTF-8 text/plain with an optional
/// text/html alternative, each in the transfer encoding GMime finds smallest for it (base64 for
/// Russian text, which quoted-printable would make three times its size; quoted-printable for
/// mostly-ASCII text), attachments in base64, RFC 2047 subject and names, CRLF line endings only.
package struct MessageComposer: Sendable {
    package init() {
        indigate_gmime_init()
    }

    package func compose(_ letter: OutgoingLetter) throws(MIMEError) -> [UInt8] {
        for (name, address) in [("From", letter.fromAddress), ("To", letter.toAddress), ("Reply-To", letter.replyTo)]
        where !MailAddress.isPlain(address) {
            throw .unsafeHeader(name: name)
        }
        for header in letter.headers where !Self.isSafeHeader(header.name, header.value) {
            throw .unsafeHeader(name: header.name)
        }
        guard let message = g_mime_message_new(1) else { throw .notAMessage }
        defer { g_object_unref(message) }
        let object = indigate_gmime_message_object(message)!

        indigate_gmime_message_add_utf8_mailbox(
            message, GMIME_ADDRESS_TYPE_FROM, Self.oneLine(letter.fromName), letter.fromAddress)
        indigate_gmime_message_add_utf8_mailbox(message, GMIME_ADDRESS_TYPE_TO, Self.oneLine(letter.toName), letter.toAddress)
        indigate_gmime_message_add_utf8_mailbox(
            message, GMIME_ADDRESS_TYPE_REPLY_TO, Self.oneLine(letter.fromName), letter.replyTo)
        g_mime_message_set_subject(message, Self.oneLine(letter.subject), "utf-8")
        g_mime_message_set_message_id(message, Self.oneLine(letter.messageID))
        indigate_gmime_message_set_date(
            message, Int64(letter.date.timeIntervalSince1970.rounded(.down)), Int32(letter.utcOffsetSeconds))
        if let inReplyTo = letter.inReplyTo {
            g_mime_object_set_header(object, "In-Reply-To", "<\(Self.oneLine(inReplyTo))>", nil)
        }
        if !letter.references.isEmpty {
            let value = letter.references.map { "<\(Self.oneLine($0))>" }.joined(separator: " ")
            g_mime_object_set_header(object, "References", value, nil)
        }
        for header in letter.headers {
            g_mime_object_set_header(object, header.name, header.value, nil)
        }

        var body = textPart("plain", letter.text)
        if let html = letter.html {
            let alternative = g_mime_multipart_new_with_subtype("alternative")!
            g_mime_multipart_add(alternative, body)
            g_object_unref(body)
            let htmlPart = textPart("html", html)
            g_mime_multipart_add(alternative, htmlPart)
            g_object_unref(htmlPart)
            body = indigate_gmime_multipart_object(alternative)
        }
        if !letter.attachments.isEmpty {
            let mixed = g_mime_multipart_new_with_subtype("mixed")!
            g_mime_multipart_add(mixed, body)
            g_object_unref(body)
            for attachment in letter.attachments {
                let kind = attachment.contentType.split(separator: "/").map(String.init)
                let part = g_mime_part_new_with_type(kind.first ?? "application", kind.count > 1 ? kind[1] : "octet-stream")!
                g_mime_part_set_filename(part, Self.oneLine(attachment.fileName))
                attachment.bytes.withUnsafeBytes {
                    indigate_gmime_part_set_bytes(part, $0.baseAddress, $0.count, GMIME_CONTENT_ENCODING_BASE64)
                }
                g_mime_multipart_add(mixed, indigate_gmime_part_object(part))
                g_object_unref(part)
            }
            body = indigate_gmime_multipart_object(mixed)
        }
        g_mime_message_set_mime_part(message, body)
        g_object_unref(body)

        var length = 0
        let bytes = indigate_gmime_object_to_crlf_bytes(object, &length)!
        defer { g_free(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: length))
    }

    /// A new text part holding `text` as UTF-8 in its smallest 7-bit transfer encoding. The
    /// caller owns one reference.
    private func textPart(_ subtype: String, _ text: String) -> UnsafeMutablePointer<GMimeObject> {
        let part = g_mime_text_part_new_with_subtype(subtype)!
        let normalized = text.replacingCRLF()
        g_mime_text_part_set_charset(part, "utf-8")
        let bytes = Array(normalized.utf8)
        bytes.withUnsafeBytes {
            _ = indigate_gmime_part_set_bytes_best(
                indigate_gmime_text_part_as_part(part), $0.baseAddress, $0.count, GMIME_ENCODING_CONSTRAINT_7BIT)
        }
        return indigate_gmime_text_part_object(part)
    }

    /// Text for a header: line breaks and other control characters become spaces, so no data
    /// can start a header of its own.
    static func oneLine(_ text: String) -> String {
        // Nearly always there is nothing to replace: a look at the bytes, then the text as it is.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    static func isSafeHeader(_ name: String, _ value: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
            && value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}
