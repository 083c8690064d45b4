/// Reads 8-bit text whose charset is unknown or wrong: valid UTF-8 is taken as it is;
/// otherwise windows-1251 and KOI8-R are both tried and the reading that looks more like
/// Russian prose wins. (Read as windows-1251, KOI8-R text comes out case-inverted —
/// «пФЮЕФ» — so prose, which is mostly lowercase, tells them apart.)
enum RussianText {
    static func guess(_ bytes: [UInt8]) -> String {
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        let candidates = ["windows-1251", "koi8-r"].compactMap { TextDecoding.convert(bytes, from: $0) }
        return candidates.max { score($0) < score($1) } ?? String(decoding: bytes, as: UTF8.self)
    }

    /// Lowercase Cyrillic letters minus uppercase ones not at a word start.
    static func score(_ text: String) -> Int {
        var score = 0
        var previousIsLetter = false
        for scalar in text.unicodeScalars {
            let isLower = (0x430...0x44F).contains(scalar.value) || scalar.value == 0x451
            let isUpper = (0x410...0x42F).contains(scalar.value) || scalar.value == 0x401
            if isLower { score += 1 }
            if isUpper && previousIsLetter { score -= 2 }
            previousIsLetter = isLower || isUpper || (scalar.properties.isAlphabetic)
        }
        return score
    }
}
