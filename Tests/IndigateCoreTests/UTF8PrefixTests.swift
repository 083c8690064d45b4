import IndigateCore
import Testing

/// A text's start by UTF-8 bytes: never more than asked, never inside a character's bytes.
@Suite struct UTF8PrefixTests {
    @Test func cutsWhereAScalarStarts() {
        #expect("abc".prefix(utf8: 2) == "ab")
        #expect("Школа".prefix(utf8: 3) == "Ш", "«к» takes bytes 2–3: one byte of it is not kept")
        #expect("Школа".prefix(utf8: 4) == "Шк")
        #expect("a😀b".prefix(utf8: 4) == "a", "the emoji's four bytes are all kept or none")
        #expect("a😀b".prefix(utf8: 5) == "a😀")
    }

    @Test func theWholeTextWhenItIsShortAndNothingForNothing() {
        #expect("Школа".prefix(utf8: 10) == "Школа")
        #expect("Школа".prefix(utf8: 100) == "Школа")
        #expect("Школа".prefix(utf8: 0) == "")
        #expect("".prefix(utf8: 5) == "")
    }

    @Test func neverMoreThanAskedOnRandomText() {
        let pieces = ["a", "Ж", "😀", "\r\n", "é", "e\u{301}", " ", "ё"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
            let bytes = Int.random(in: 0...text.utf8.count + 2, using: &generator)
            let start = text.prefix(utf8: bytes)
            #expect(start.utf8.count <= bytes)
            #expect(text.utf8.starts(with: start.utf8))
            #expect(start.utf8.count > bytes - 4 || start.utf8.count == text.utf8.count, "at most a scalar's bytes short")
        }
    }
}
