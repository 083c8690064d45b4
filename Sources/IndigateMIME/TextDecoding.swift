import CGMime
import CGMimeShim

/// Turns the bytes of a text part into UTF-8 by its declared charset, falling back to UTF-8
/// when that is valid and to windows-1251 (the most common Russian legacy charset) otherwise.
enum TextDecoding {
    static func utf8(_ bytes: [UInt8], charset: String?) -> String {
        if let charset, !charset.isEmpty, let converted = convert(bytes, from: charset) {
            return converted
        }
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        return convert(bytes, from: "windows-1251") ?? String(decoding: bytes, as: UTF8.self)
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
        return String(validating: UnsafeBufferPointer(start: UnsafeRawPointer(converted).assumingMemoryBound(to: UInt8.self), count: length), as: UTF8.self)
    }
}
