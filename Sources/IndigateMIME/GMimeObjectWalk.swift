import CGMime
import CGMimeShim

/// Borrowed-pointer helpers over a parsed GMime tree. Nothing here takes or drops a reference:
/// every pointer is valid while the `GMimeMessage` that owns the tree lives.
enum GMimeTree {
    /// The leaf parts of `object` in document order, descending into multiparts and into
    /// attached messages (a reply forwarded by a colleague counts).
    static func leaves(
        of object: UnsafeMutablePointer<GMimeObject>, limits: MIMELimits, depth: Int = 0, message: Int? = nil,
        into result: inout [Leaf], messages: inout Int
    ) {
        guard depth < limits.depth, result.count < limits.parts else { return }
        if indigate_gmime_is_multipart(object) {
            for index in 0..<indigate_gmime_multipart_count(object) {
                guard let child = indigate_gmime_multipart_child(object, index) else { continue }
                leaves(of: child, limits: limits, depth: depth + 1, message: message, into: &result, messages: &messages)
            }
        } else if indigate_gmime_is_message_part(object) {
            guard let inner = indigate_gmime_message_part_message(object),
                let body = indigate_gmime_message_body(inner)
            else { return }
            messages += 1
            leaves(of: body, limits: limits, depth: depth + 1, message: messages, into: &result, messages: &messages)
        } else if indigate_gmime_is_part(object) {
            result.append(Leaf(object: object, depth: depth, message: message))
        }
    }

    struct Leaf {
        var object: UnsafeMutablePointer<GMimeObject>
        var depth: Int
        /// Which attached (forwarded) message the leaf is inside, numbered from 1; nil for the
        /// message's own parts.
        var message: Int?
    }

    static func contentType(of object: UnsafeMutablePointer<GMimeObject>) -> (type: String, subtype: String) {
        guard let contentType = g_mime_object_get_content_type(object) else { return ("text", "plain") }
        let type = g_mime_content_type_get_media_type(contentType).map { String(cString: $0) } ?? "text"
        let subtype = g_mime_content_type_get_media_subtype(contentType).map { String(cString: $0) } ?? "plain"
        return (type.lowercased(), subtype.lowercased())
    }

    /// The file name of a leaf. GMime decodes RFC 2231 names well, but an RFC 2047-encoded name
    /// split into adjacent B-words (Outlook's way) is cut at the first word in 3.2.13 (#133,
    /// «1.1 приказ.pdf» becomes «1.1 »): then the quoted raw parameter is decoded word by word.
    static func fileName(of leaf: UnsafeMutablePointer<GMimeObject>) -> String? {
        let decoded = indigate_gmime_part_filename(leaf).map { String(cString: $0) }
        for header in ["Content-Disposition", "Content-Type"] {
            guard let raw = indigate_gmime_raw_header(leaf, header) else { continue }
            defer { g_free(raw) }
            let value = String(cString: raw)
            guard value.contains("=?") else { continue }
            for parameter in ["filename", "name"] {
                if let quoted = RawParameter.quotedValue(parameter, in: value), quoted.contains("=?") {
                    return HeaderText.decode(raw: Array(quoted.utf8))
                }
            }
        }
        return decoded
    }

    static func header(_ name: String, of object: UnsafeMutablePointer<GMimeObject>) -> String? {
        g_mime_object_get_header(object, name).map { String(cString: $0) }
    }

    static func parameter(_ name: String, of object: UnsafeMutablePointer<GMimeObject>) -> String? {
        g_mime_object_get_content_type_parameter(object, name).map { String(cString: $0) }
    }

    /// The transfer-decoded bytes of a leaf.
    /// A part's decoded bytes, decoded straight into the array (a 25 MB attachment costs 25 MB,
    /// not a GMime buffer and a copy of it); through GMime's own buffer when the encoded length
    /// is unknown or the decoding would not fit.
    static func bytes(of leaf: UnsafeMutablePointer<GMimeObject>) -> [UInt8] {
        let bound = indigate_gmime_part_decoded_bound(leaf)
        if bound > 0 {
            var fitted = true
            let decoded = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                let written = indigate_gmime_part_decode(leaf, buffer.baseAddress, bound)
                // size_t comes in as Int: (size_t)-1, «would not fit», is -1.
                fitted = written >= 0 && written <= bound
                count = fitted ? written : 0
            }
            if fitted { return decoded }
        }
        var length = 0
        guard let buffer = indigate_gmime_part_bytes(leaf, &length) else { return [] }
        defer { g_free(buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: length))
    }

    /// The mailboxes of an address list, lowercased, descending into groups.
    static func mailboxes(_ list: UnsafeMutablePointer<InternetAddressList>?) -> [String] {
        guard let list else { return [] }
        var result: [String] = []
        for index in 0..<internet_address_list_length(list) {
            guard let address = internet_address_list_get_address(list, index) else { continue }
            if let addr = indigate_gmime_mailbox_addr(address) {
                result.append(String(cString: addr).lowercased())
            } else if let members = indigate_gmime_group_members(address) {
                result += mailboxes(members)
            }
        }
        return result
    }
}
