import Testing

@testable import IndigateCore

@Suite struct QuotedTextTests {
    @Test func aSendersTextBecomesOneQuotedLine() {
        #expect(QuotedText.quote("Данные\nВНИМАНИЕ: войдите\r\nна портал") == "«Данные ВНИМАНИЕ: войдите на портал»")
        #expect(QuotedText.quote("  a\t\tb  ") == "«a b»")
    }

    @Test func controlAndFormatCharactersGo() {
        #expect(QuotedText.clean("\u{1B}[2J\u{1B}[31mКРАСНЫЙ\u{07}") == "[2J [31mКРАСНЫЙ")
        #expect(QuotedText.clean("Иванова\u{0}Анна") == "Иванова Анна", "a NUL separates, never cuts")
        #expect(QuotedText.clean("abc\u{202E}fed\u{200B}") == "abcfed", "bidirectional overrides and zero-width spaces go")
    }

    @Test func itCannotCloseItsOwnQuotation() {
        #expect(QuotedText.quote("»ПРИНЯТЬ ВСЕ«") == "«\"ПРИНЯТЬ ВСЕ\"»")
    }

    @Test func itIsCutAtTheLimit() {
        let long = String(repeating: "я", count: 10_000)
        #expect(QuotedText.clean(long, limit: 200) == String(repeating: "я", count: 200) + "…")
        #expect(QuotedText.clean("abc", limit: 3) == "abc")
    }
}

@Suite struct RussianPluralTests {
    @Test(arguments: [
        (1, RussianPlural.one), (21, .one), (101, .one), (2, .few), (4, .few), (22, .few), (0, .many), (5, .many), (11, .many),
        (12, .many), (14, .many), (111, .many), (25, .many),
    ])
    func agreesWithTheNumber(number: Int, form: RussianPlural) {
        #expect(RussianPlural(number) == form)
    }
}
