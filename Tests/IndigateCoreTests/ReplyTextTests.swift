import IndigateCore
import Testing

@Suite struct ReplyTextTests {
    /// What the school wrote above the quote in every case below.
    static let answer = "Добрый день!\n1.2: 125\n2.1: Да"
    /// A line of the quoted letter that must never survive the cut.
    static let quoted = "1.2: 999"

    /// The new text of `answer`, then `separator` lines, then the quoted letter.
    func cut(after separator: [String]) -> String {
        ReplyText.newText(of: ([Self.answer] + separator + [Self.quoted, "2.1: Нет"]).joined(separator: "\n"))
    }

    func expectCut(after separator: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let text = cut(after: separator)
        #expect(text.contains("1.2: 125"), sourceLocation: sourceLocation)
        #expect(text.contains("2.1: Да"), sourceLocation: sourceLocation)
        #expect(!text.contains("999"), sourceLocation: sourceLocation)
        #expect(!text.contains("Нет"), sourceLocation: sourceLocation)
    }

    @Test func cutsAtTheMarkerLine() {
        expectCut(after: ["", ReplyText.marker])
    }

    @Test func keepsEverythingWhenNothingEndsTheNewText() {
        let body = "1.2: 125\n\n2.1: Да"
        #expect(ReplyText.newText(of: body) == body)
    }

    @Test func dropsQuotedLinesButKeepsTheLinesAfterThem() {
        let text = ReplyText.newText(of: "> 1.2: 999\n> 2.1: Нет\n1.2: 125\n  >> 1.3: 1 / 2")
        #expect(text == "1.2: 125")
    }

    @Test func cutsAtAThunderbirdHeader() {
        expectCut(after: ["12.09.2020 10:15, Иван Петров пишет:"])
    }

    @Test func cutsAtAGmailHeader() {
        expectCut(after: ["", "ср, 16 сент. 2020 г. в 10:12, Name <addr@x.ru>:", ""])
    }

    @Test func cutsAtAMailRuHeader() {
        expectCut(after: ["Среда, 16 сентября 2020, 10:12 +05:00 от Name <addr@x.ru>:"])
    }

    @Test func cutsAtAYandexHeader() {
        expectCut(after: ["16.09.2020, 10:12, \"Name\" <addr@x.ru>:"])
    }

    @Test func cutsAtAnOutlookBlockWithoutQuoteMarks() {
        expectCut(after: [
            "От: Индигейт <indigate@minobr.test>",
            "Отправлено: 16 сентября 2020 г. 10:12",
            "Кому: school5@school.test",
            "Тема: Мониторинг за сентябрь",
            "",
        ])
    }

    @Test func keepsALineStartingWithOtWhenNoHeaderFieldsFollow() {
        let body = "От: завуча школы № 5\n1.2: 125\n2.1: Да\nЧто-то ещё\nИ ещё\nИ ещё"
        #expect(ReplyText.newText(of: body) == body)
    }

    @Test func cutsAtTheRussianOutlookSeparator() {
        expectCut(after: ["-----Исходное сообщение-----"])
    }

    @Test func cutsAtTheEnglishOutlookSeparator() {
        expectCut(after: ["-----Original Message-----"])
    }

    @Test func cutsAtASignatureSeparator() {
        expectCut(after: ["-- ", "Иванова А. П., завуч"])
    }

    @Test func cutsAtTheIPhoneFooter() {
        expectCut(after: ["", "Отправлено с iPhone"])
    }

    @Test func cutsAtTheMailRuMobileFooter() {
        expectCut(after: ["", "Отправлено из мобильной Почты Mail.ru"])
    }

    @Test func keepsTheRegistrationLinesAboveTheCut() {
        let body = "ФИО: Иванова Анна Петровна\nТелефон: +7 912 345-67-89\n\(ReplyText.marker)\nФИО: Старое Имя"
        #expect(ReplyText.newText(of: body) == "ФИО: Иванова Анна Петровна\nТелефон: +7 912 345-67-89")
    }

    @Test func cutsAtAHeaderLongerThanTheLowercasedEnds() {
        // Only a line's first 48 and last 16 characters are lowercased: a header line longer
        // than both is still found by its start and by its end.
        let name = String(repeating: "Иванова Анна Петровна, ", count: 5)
        expectCut(after: ["16.09.2020, 10:12, \(name)ПИШЕТ:"])
        expectCut(after: ["-------- Пересланное сообщение -------- \(name)"])
        expectCut(after: ["Ср, 16 сент. 2020 г. в 10:12, \(name)<ADDR@X.RU>:"])
    }

    @Test func cutsAtCapitalisedFootersAndHeaders() {
        // The first byte decides whether a line can start a footer or a header: «О» and «S»
        // in capitals, and «F», are among those bytes.
        expectCut(after: ["ОТПРАВЛЕНО С IPHONE"])
        expectCut(after: ["SENT FROM MY IPAD"])
        expectCut(after: ["FROM: Indigate <indigate@minobr.test>", "SENT: 16.09.2020", "TO: school5@school.test"])
        expectCut(after: ["________________________________"])
    }

    @Test func keepsALongLineThatOnlyMentionsAHeaderWordInTheMiddle() {
        let body = "1.2: 125 — пишет: завуч " + String(repeating: "а", count: 100) + "\n2.1: Да"
        #expect(ReplyText.newText(of: body) == body)
    }

    @Test func handlesWindowsLineEnds() {
        let body = "1.2: 125\r\n-----Original Message-----\r\n1.2: 999"
        #expect(ReplyText.newText(of: body) == "1.2: 125")
    }
}
