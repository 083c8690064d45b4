import CGMime
import CGMimeShim

/// Decodes an unstructured header (Subject) word by word.
///
/// GMime 3.2.13 drops everything after the first of several adjacent B-encoded words when
/// that word ends in `=` padding (upstream #133, fixed in 3.2.14) — and Outlook and most
/// Russian clients split long Cyrillic subjects exactly so. Here each encoded word is handed
/// to GMime's decoder on its own, which it decodes correctly, and the words are joined as
/// RFC 2047 says: whitespace between two encoded words is dropped. Raw 8-bit text outside
/// encoded words is read as UTF-8, else windows-1251.
enum HeaderText {
    static func decode(raw: [UInt8]) -> String {
        var output = ""
        var plain: [UInt8] = []
        var pendingSpace: [UInt8] = []
        var lastWasEncoded = false
        var index = 0
        func flushPlain() {
            if !plain.isEmpty { output += RussianText.guess(plain) }
            plain.removeAll()
        }
        while index < raw.count {
            let byte = raw[index]
            if byte == 0x20 || byte == 0x09 {
                pendingSpace.append(byte)
                index += 1
                continue
            }
            if let end = encodedWordEnd(raw, from: index) {
                if !lastWasEncoded { plain += pendingSpace }
                pendingSpace.removeAll()
                flushPlain()
                output += decodeWord(Array(raw[index..<end]))
                lastWasEncoded = true
                index = end
                continue
            }
            plain += pendingSpace
            pendingSpace.removeAll()
            plain.append(byte)
            lastWasEncoded = false
            index += 1
        }
        plain += lastWasEncoded ? [] : pendingSpace
        flushPlain()
        return output
    }

    /// The end index of an encoded word `=?charset?B|Q?text?=` starting at `start`, or nil.
    static func encodedWordEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        let question = UInt8(ascii: "?")
        guard start + 1 < bytes.count, bytes[start] == UInt8(ascii: "="), bytes[start + 1] == question else { return nil }
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, bytes[index] != question, bytes[index] > 0x20, bytes[index] < 0x7F { index += 1 }
        guard index > charsetStart, index + 2 < bytes.count, bytes[index] == question else { return nil }
        let encoding = bytes[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q"), bytes[index + 2] == question else { return nil }
        index += 3
        while index + 1 < bytes.count {
            if bytes[index] == question && bytes[index + 1] == UInt8(ascii: "=") { return index + 2 }
            if bytes[index] <= 0x20 { return nil }
            index += 1
        }
        return nil
    }

    static func decodeWord(_ word: [UInt8]) -> String {
        let decoded = (word + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                indigate_gmime_decode_header_text($0)
            }
        }
        guard let decoded else { return String(decoding: word, as: UTF8.self) }
        defer { g_free(decoded) }
        return String(cString: decoded)
    }

    /// The raw value of a header, decoded this way; nil when the header is absent.
    static func header(_ name: String, of object: UnsafeMutablePointer<GMimeObject>) -> String? {
        guard let raw = indigate_gmime_raw_header(object, name) else { return nil }
        defer { g_free(raw) }
        let bytes = Array(UnsafeRawBufferPointer(start: raw, count: strlen(raw)).bindMemory(to: UInt8.self))
        return decode(raw: bytes).trimmingSpaces()
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
