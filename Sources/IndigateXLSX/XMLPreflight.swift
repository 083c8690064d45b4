import Foundation

/// The check every XML part passes before a parser sees it, in one pass over its bytes: UTF-8 only
/// (no UTF-16 or other byte order mark, no other declared encoding, no NUL byte), and no markup
/// declaration at all. `<!` may open only a comment or a CDATA section: a DOCTYPE, and with it any
/// entity declaration (external entities, the billion laughs), is refused before parsing, even
/// inside a comment. No spreadsheet writes a DOCTYPE into an `.xlsx`.
enum XMLPreflight {
    /// Throws ``XLSXReadError/forbiddenXML(part:reason:)`` if `data` breaks these rules.
    static func check(_ data: Data, part: String) throws {
        func refuse(_ reason: String) -> XLSXReadError { .forbiddenXML(part: part, reason: reason) }
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
            if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
                throw refuse("UTF-16")
            }
            try checkDeclaredEncoding(bytes, from: start, refuse)
            let bang = Array("<!".utf8)
            let comment = Array("--".utf8)
            let cdata = Array("[CDATA[".utf8)
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0 { throw refuse("NUL byte") }
                if byte == bang[0], index + 1 < bytes.count, bytes[index + 1] == bang[1] {
                    let after = index + 2
                    guard matches(bytes, at: after, comment) || matches(bytes, at: after, cdata) else {
                        throw refuse("markup declaration (DOCTYPE or ENTITY)")
                    }
                }
                index += 1
            }
        }
    }

    /// Refuses an `encoding` other than UTF-8 or ASCII in the XML declaration, if there is one.
    private static func checkDeclaredEncoding(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ refuse: (String) -> XLSXReadError
    ) throws {
        guard matches(bytes, at: start, Array("<?xml".utf8)) else { return }
        var end = start
        while end < min(bytes.count, start + 256), bytes[end] != UInt8(ascii: ">") { end += 1 }
        let declaration = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
        guard let range = declaration.range(of: "encoding") else { return }
        let value = declaration[range.upperBound...].drop { " =\t\r\n\"'".contains($0) }.prefix { !"\"' ?".contains($0) }
        guard ["utf-8", "utf8", "us-ascii", "ascii"].contains(String(value)) else {
            throw refuse("encoding " + XLSXReadError.quoted(value.prefix(20)))
        }
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ pattern: [UInt8]) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
        return true
    }
}
