import IndigateCore
import Testing

@Suite struct TextLinesTests {
    /// Pieces that make lines hard to find: every newline Swift knows, CR LF split and joined,
    /// combining marks after a newline, Cyrillic, emoji, the lead bytes of NEL and LS on their own.
    static let pieces = [
        "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\u{0301}", "é", "Ж", "1.2: 5",
        "\u{00C2}", "\u{2020}", "👍🏽", " ", "", "\u{200D}", "\n\r",
    ]

    @Test func linesAreTheLinesSwiftSplitsBy() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }
                .joined()
            let expected = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
            #expect(text.lines.map(String.init) == expected, "\(Array(text.unicodeScalars))")
        }
    }

    @Test func aTextWithoutNewlinesIsOneLine() {
        #expect("".lines == [""])
        #expect("1.2: 5".lines == ["1.2: 5"])
        #expect("a\r\nb\n\nc\r".lines == ["a", "b", "", "c", ""])
    }
}

extension TextLinesTests {
    @Test func aByteSearchFindsWhatItIsAskedAndNothingElse() {
        #expect("Ответьте выше этой строки".utf8.contains(bytesOf: "строки"))
        #expect("строки".utf8.contains(bytesOf: "строки"))
        #expect(!"строк".utf8.contains(bytesOf: "строки"))
        #expect(!"стрстроказ".utf8.contains(bytesOf: "строки"))
        #expect("ссстроки".utf8.contains(bytesOf: "строки"))
        #expect("".utf8.contains(bytesOf: ""))
    }
}
