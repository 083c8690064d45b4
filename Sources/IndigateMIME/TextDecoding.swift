import CGMime
import CGMimeShim

/// Turns the bytes of a text part into UTF-8 by its declared charset, falling back to UTF-8
/// when that is valid and to windows-1251 (the most common Russian legacy charset) otherwise.
enum TextDecoding {
    static func utf8(_ bytes: [UInt8], charset: String?) -> String {
        if let charset, !charset.isEmpty, let converted = convert(bytes, from: charset) {
            // A label that converts may still be wrong: Cyrillic bytes labelled as Latin-1
            // or ASCII come out as accented Latin letters. Prefer a Russian reading then.
            if isLatinLabel(charset), bytes.contains(where: { $0 >= 0x80 }) { return RussianText.guess(bytes) }
            return converted
        }
        // No label, an unknown one, or bytes invalid in it (windows-1251 labelled utf-8).
        return RussianText.guess(bytes)
    }

    static func isLatinLabel(_ charset: String) -> Bool {
        ["iso-8859-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"].contains(charset.lowercased())
    }

    static func convert(_ bytes: [UInt8], from charset: String) -> String? {
        let lowered = charset.lowercased()
        if lowered == "utf-8" || lowered == "utf8" || lowered == "us-ascii" {
            return String(validating: bytes, as: UTF8.self)
        }
        if bytes.isEmpty { return "" }
        var length = 0
        let converted = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                indigate_gmime_to_utf8($0, buffer.count, charset, &length)
            }
        }
        guard let converted else { return nil }
        defer { g_free(converted) }
        return String(
            validating: UnsafeBufferPointer(
                start: UnsafeRawPointer(converted).assumingMemoryBound(to: UInt8.self), count: length), as: UTF8.self)
    }
}
