import CGMime
import CGMimeShim
import IndigateCore

/// Reads RFC 5322 bytes with GMime into a `ParsedMessage`. One parser may be used from one
/// thread at a time; GMime objects never leave this type.
package struct MessageParser: Sendable {
    package let limits: MIMELimits

    /// Headers copied into `ParsedMessage.headers` (lowercased names).
    static let keptHeaders = [
        "auto-submitted", "precedence", "x-autoreply", "x-autorespond", "return-path",
        "x-indigate-loop", "authentication-results", "x-failed-recipients",
        // Read only under INDIGATE_FAULTS=1, by the tests' fault injection.
        "x-indigate-test-fault",
    ]

    package init(limits: MIMELimits = MIMELimits()) {
        self.limits = limits
        indigate_gmime_init()
    }

    package func parse(_ bytes: [UInt8]) throws(MIMEError) -> ParsedMessage {
        guard !bytes.isEmpty else { throw .notAMessage }
        let fromFacts = try MessageGuard.check(bytes, limits: limits)
        // GMime reads the bytes in place, so everything that touches the message happens while
        // they are pinned here.
        let result: Result<ParsedMessage, MIMEError> = bytes.withUnsafeBytes { buffer in
            var view: UnsafeMutablePointer<GByteArray>?
            guard let message = indigate_gmime_parse(buffer.baseAddress, buffer.count, &view) else {
                indigate_gmime_free_view(view)
                return .failure(.notAMessage)
            }
            defer {
                g_object_unref(message)
                indigate_gmime_free_view(view)
            }
            return .success(read(message, fromFacts: fromFacts))
        }
        return try result.get()
    }

    /// Everything a ParsedMessage holds, read from GMime's message.
    func read(_ message: UnsafeMutablePointer<GMimeMessage>, fromFacts: MessageGuard.FromFacts) -> ParsedMessage {
        let object = indigate_gmime_message_object(message)!

        var parsed = ParsedMessage()
        parsed.messageID = g_mime_message_get_message_id(message).map { String(cString: $0) }
        parsed.subject = HeaderText.header("Subject", of: object) ?? ""
        parsed.from = GMimeTree.mailboxes(g_mime_message_get_from(message))
        parsed.fromIsAmbiguous = !FromCheck.isUnambiguous(g_mime_message_get_from(message), facts: fromFacts)
        parsed.recipients =
            GMimeTree.mailboxes(g_mime_message_get_addresses(message, GMIME_ADDRESS_TYPE_TO))
            + GMimeTree.mailboxes(g_mime_message_get_addresses(message, GMIME_ADDRESS_TYPE_CC))
        parsed.replyTo = GMimeTree.mailboxes(g_mime_message_get_addresses(message, GMIME_ADDRESS_TYPE_REPLY_TO))
        for name in ["Delivered-To", "X-Original-To", "Envelope-To"] {
            if let value = GMimeTree.header(name, of: object) {
                let list = internet_address_list_parse(nil, value)
                parsed.recipients += GMimeTree.mailboxes(list)
                if let list { g_object_unref(UnsafeMutableRawPointer(list)) }
            }
        }
        for name in Self.keptHeaders {
            if let value = GMimeTree.header(name, of: object) { parsed.headers[name] = value }
        }
        if let body = indigate_gmime_message_body(message) {
            // GMime keeps Content-Type out of the header lookup; take it from the body part.
            let type = GMimeTree.contentType(of: body)
            parsed.headers["content-type"] = "\(type.type)/\(type.subtype)"
        }
        for index in 0..<indigate_gmime_header_count(object) {
            guard let name = indigate_gmime_header_name_at(object, index),
                String(cString: name).lowercased() == "authentication-results",
                let raw = indigate_gmime_header_raw_at(object, index)
            else { continue }
            parsed.authenticationResults.append(String(cString: raw).trimmingSpaces())
            g_free(raw)
        }
        parsed.inReplyTo = GMimeTree.header("In-Reply-To", of: object).flatMap { Self.messageIDs($0).first }
        parsed.references = GMimeTree.header("References", of: object).map(Self.messageIDs) ?? []

        var leaves: [GMimeTree.Leaf] = []
        var messages = 0
        if let body = indigate_gmime_message_body(message) {
            GMimeTree.leaves(of: body, limits: limits, into: &leaves, messages: &messages)
        }
        readBody(leaves, into: &parsed)
        return parsed
    }

    /// Picks the readable text of the message and of each attached (forwarded) message — the
    /// first inline text/plain, else the first inline text/html reduced to text — and collects
    /// every other leaf as an attachment.
    private func readBody(_ leaves: [GMimeTree.Leaf], into parsed: inout ParsedMessage) {
        func isInlineText(_ leaf: GMimeTree.Leaf, _ subtype: String) -> Bool {
            let type = GMimeTree.contentType(of: leaf.object)
            return type.type == "text" && type.subtype == subtype
                && !indigate_gmime_part_is_attachment(leaf.object)
                && GMimeTree.fileName(of: leaf.object) == nil
        }
        var textIndices: Set<Int> = []
        var bodies: [Int?: String] = [:]
        for message in [nil] + Set(leaves.compactMap(\.message)).sorted().map(Optional.some) {
            let own = leaves.indices.filter { leaves[$0].message == message }
            let plain = own.first { isInlineText(leaves[$0], "plain") }
            let html = own.first { isInlineText(leaves[$0], "html") }
            if let plain {
                bodies[message] = text(of: leaves[plain].object)
                textIndices.insert(plain)
                // The HTML twin of a multipart/alternative is not an attachment.
                if let html { textIndices.insert(html) }
            } else if let html {
                bodies[message] = HTMLText.text(of: text(of: leaves[html].object))
                textIndices.insert(html)
            }
        }
        parsed.text = bodies[nil] ?? ""
        parsed.forwardedTexts = bodies.filter { $0.key != nil }.sorted { $0.key! < $1.key! }.map(\.value)
        for (index, leaf) in leaves.enumerated() where !textIndices.contains(index) {
            let type = GMimeTree.contentType(of: leaf.object)
            let name = GMimeTree.fileName(of: leaf.object) ?? ""
            if name.isEmpty && type.type == "text" && !indigate_gmime_part_is_attachment(leaf.object) { continue }
            parsed.attachments.append(
                ParsedMessage.Attachment(
                    fileName: name, contentType: "\(type.type)/\(type.subtype)",
                    bytes: GMimeTree.bytes(of: leaf.object)))
        }
    }

    private func text(of leaf: UnsafeMutablePointer<GMimeObject>) -> String {
        let bytes = GMimeTree.bytes(of: leaf)
        let decoded = TextDecoding.utf8(bytes, charset: GMimeTree.parameter("charset", of: leaf))
        return decoded.replacingCRLF()
    }

    /// The message ids inside `<…>` in a header value.
    static func messageIDs(_ value: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close]
            if !id.isEmpty { ids.append(String(id)) }
            rest = rest[rest.index(after: close)...]
        }
        return ids
    }
}

extension String {
    func replacingCRLF() -> String {
        // CR is one byte in UTF-8 and never part of another character's bytes.
        guard utf8.contains(0x0D) else { return self }
        return String(decoding: utf8.filter { $0 != 0x0D }, as: UTF8.self)
    }
}
