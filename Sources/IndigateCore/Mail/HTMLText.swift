import Foundation

/// Reduces an HTML body to the lines a person sees: block ends and `<br>` become line breaks,
/// table cells are separated by spaces, scripts and styles vanish, entities are decoded.
///
/// It walks the UTF-8 bytes, not Characters: a grapheme-by-grapheme walk of a Cyrillic body
/// was most of its cost (4 % of a round's ingest). Tags, entities and line breaks are ASCII;
/// other bytes are copied as they are, and a scalar is decoded only where a tag's name could
/// go on with a letter that is not ASCII.
package enum HTMLText {
    package static func text(of html: String) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var skipping: [UInt8]? = nil
        // Once a search for '>' has failed, no later '<' can close either: remembering that keeps
        // a body of unterminated tags («<a<a<a…») linear instead of quadratic.
        var noMoreClose = false
        while index < bytes.count {
            if let skip = skipping {
                // Inside <script>, <style>, <head>: nothing is text until the closing tag.
                guard let close = find(Array("</".utf8) + skip, in: bytes, from: index),
                    let end = ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: close)
                else { break }
                index = end + 1
                skipping = nil
                continue
            }
            let c = bytes[index]
            if c == UInt8(ascii: "<"), index + 1 < bytes.count, opensTag(bytes, at: index + 1), !noMoreClose,
                let close = ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: index)
                    ?? {
                        noMoreClose = true
                        return nil
                    }()
            {
                let closing = bytes[index + 1] == UInt8(ascii: "/")
                let name = tagName(bytes[(index + 1)..<close])
                if !closing && (name == "script" || name == "style" || name == "head") {
                    skipping = Array(name.utf8)
                } else if ["br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "blockquote"].contains(name) {
                    if name != "br" || !closing { output.append(0x0A) }
                } else if name == "td" || name == "th" {
                    if closing { output.append(0x20) }
                }
                index = close + 1
                continue
            }
            if c == UInt8(ascii: "&"), let semicolon = entityEnd(bytes, from: index + 1),
                let decoded = decode(String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self))
            {
                output.append(contentsOf: String(decoded).utf8)
                index = semicolon + 1
                continue
            }
            output.append(c == 0x0D || c == 0x0A ? 0x20 : c)
            index += 1
        }
        return String(decoding: collapsingSpaces(output), as: UTF8.self)
    }

    /// Whether what follows a '<' makes it a tag: a letter, '/' or '!'.
    static func opensTag(_ bytes: [UInt8], at index: Int) -> Bool {
        let next = bytes[index]
        if next == UInt8(ascii: "/") || next == UInt8(ascii: "!") { return true }
        return isLetter(scalar(bytes[index...]))
    }

    /// A tag's name, lowercased: after any '/', its letters and digits. A name that goes on with
    /// a letter or digit outside ASCII is none of the names this knows, and comes back empty.
    static func tagName(_ tag: ArraySlice<UInt8>) -> String {
        var start = tag.startIndex
        while start < tag.endIndex, tag[start] == UInt8(ascii: "/") { start += 1 }
        var end = start
        while end < tag.endIndex, isASCIILetterOrDigit(tag[end]) { end += 1 }
        if end < tag.endIndex, tag[end] >= 0x80 {
            let next = scalar(tag[end...])
            if isLetter(next) || isNumber(next) { return "" }
        }
        return String(decoding: tag[start..<end], as: UTF8.self).lowercased()
    }

    /// The ';' that ends an entity whose '&' is just before `start`: among the ten scalars from
    /// the '&'.
    static func entityEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var scalars = 1  // the '&'
        var index = start
        while index < bytes.count, scalars < 10 {
            if bytes[index] == UInt8(ascii: ";") { return index }
            if bytes[index] & 0xC0 != 0x80 { scalars += 1 }
            index += 1
        }
        return nil
    }

    /// Each line without its leading and trailing spaces, and runs of spaces made one.
    static func collapsingSpaces(_ text: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var space = false
        var lineHasText = false
        for byte in text {
            if byte == 0x0A {
                result.append(byte)
                space = false
                lineHasText = false
            } else if byte == 0x20 {
                space = lineHasText
            } else {
                if space { result.append(0x20) }
                result.append(byte)
                space = false
                lineHasText = true
            }
        }
        return result
    }

    /// The scalar whose UTF-8 begins `bytes` (U+FFFD where the bytes are not UTF-8: a String came
    /// in, so they always are).
    static func scalar(_ bytes: ArraySlice<UInt8>) -> Unicode.Scalar {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return "\u{FFFD}"
    }

    /// The first place from `start` where `needle` (ASCII letters and symbols) is, in any case.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while let first = ByteSearch.firstIndex(of: needle[0], in: bytes, from: index), first + needle.count <= bytes.count {
            if zip(needle, bytes[first...]).allSatisfy({ $0 == lowercasedASCII($1) }) { return first }
            index = first + 1
        }
        return nil
    }

    static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        let lower = lowercasedASCII(byte)
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// As `Character.isLetter` and `isNumber` judge a character by its first scalar.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    static func isNumber(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.numericType != nil }

    static func decode(_ entity: String) -> Character? {
        switch entity {
        case "nbsp": return "\u{00A0}"
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "laquo": return "«"
        case "raquo": return "»"
        case "mdash": return "—"
        case "ndash": return "–"
        default:
            if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let v = UInt32(entity.dropFirst(2), radix: 16),
                let s = Unicode.Scalar(v)
            {
                return Character(s)
            }
            if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let s = Unicode.Scalar(v) {
                return Character(s)
            }
            return nil
        }
    }
}
