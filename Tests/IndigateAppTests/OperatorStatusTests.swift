import Foundation
import IndigateCore
import Testing

@testable import IndigateApp

/// «СТАТУС <ИНН>» in an operator's reply: one organisation's standing by mail, the four tabs its
/// school would get, and a line in the transcript.
@Suite struct OperatorStatusTests {
    @Test func anOperatorReadsOneOrganisationsStandingWithoutAShell() throws {
        let round = try ValueModelTests().september()
        let review = try #require(try round.operatorReviewOfOneValue())
        #expect(review.text.contains("СТАТУС <ИНН>"))
        _ = try round.reply(
            from: ValueModelTests.operator1, "СТАТУС \(ValueModelTests.inn)\nСТАТУС 123\nСТАТУС 0000000000",
            at: round.at("2020-09-11 11:00"))
        let letters = try round.flush(round.at("2020-09-11 11:01")).filter { $0.parsed.recipients == [ValueModelTests.operator1] }
        let status = try #require(letters.first { $0.parsed.subject.hasPrefix("Состояние данных") }).parsed
        #expect(status.subject == "Состояние данных: МОУ «Еткульская СОШ», сентябрь 2020")
        #expect(status.text.contains("1.5") && status.text.contains("7"))
        let transcript = try #require(letters.first { $0.parsed.subject.hasPrefix("Обработано") })
            .parsed.text
        #expect(transcript.contains("состояние данных «МОУ \"Еткульская СОШ\"» (ИНН 7430112855) отправлено отдельным письмом"))
        #expect(try Golden.check(transcript, "transcript-status.txt"))
        #expect(transcript.contains("после СТАТУС нужен ИНН организации"))
        #expect(transcript.contains("организации с ИНН 0000000000 нет в списке"))
        #expect(letters.first { $0.parsed.subject.hasPrefix("Обработано") }?.parsed.subject == "Обработано (ошибок: 2)")
    }

    /// The operator's copy tells each value's story: who sent it, when, with which document, who
    /// decided, how and why, and what replaced it; the school's own copy has no history.
    @Test func theOperatorsCopyHasTheHistoryOfEachValue() throws {
        let round = try ValueModelTests().september()
        _ = try round.reply(from: ValueModelTests.school, "1.5: 70", at: round.at("2020-09-11 09:00"))
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-11 10:00"))
        _ = try round.flush(round.at("2020-09-11 10:01"))
        let first = try #require(try round.values(ValueModelTests.inn)["1.5"])
        _ = try round.reply(
            from: ValueModelTests.operator1, "ОТКЛОНИТЬ \(first.id) больше, чем учеников в школе\u{1B}[31m",
            at: round.at("2020-09-11 11:00"))
        _ = try round.reply(from: ValueModelTests.school, "1.5: 7\n2.3: 12", at: round.at("2020-09-12 09:00"))
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-12 10:00"))
        _ = try round.flush(round.at("2020-09-12 10:01"))
        let values = try round.values(ValueModelTests.inn)
        let second = try #require(values["1.5"])
        _ = try round.reply(from: ValueModelTests.operator2, "ПРИНЯТЬ \(second.id)", at: round.at("2020-09-12 11:00"))
        _ = try round.flush(round.at("2020-09-12 11:01"))

        _ = try round.reply(from: ValueModelTests.operator1, "СТАТУС \(ValueModelTests.inn)", at: round.at("2020-09-12 12:00"))
        let letters = try round.flush(round.at("2020-09-12 12:01")).filter { $0.parsed.recipients == [ValueModelTests.operator1] }
        let status = try #require(letters.first { $0.parsed.subject.hasPrefix("Состояние данных") }).parsed.text
        #expect(status.contains("ИСТОРИЯ ЗНАЧЕНИЙ ЗА МЕСЯЦ"))
        #expect(status.contains("1.5, № \(first.id): 70 — получено 11.09.2020 - 09:00:00 от"))
        #expect(status.contains("отклонено 11.09.2020 - 11:00:00, ") && status.contains("; заменено значением № \(second.id)"))
        #expect(status.contains("Резолюция: «больше, чем учеников в школе [31m»"), "quoted, without the ESC")
        #expect(status.contains("1.5, № \(second.id): 7 — получено 12.09.2020 - 09:00:00"))
        #expect(status.contains("принято 12.09.2020 - 11:00:00, "))
        #expect(!status.unicodeScalars.contains { $0.value == 0x1B })
        let oldest = try #require(status.range(of: "№ \(first.id):"))
        let newest = try #require(status.range(of: "№ \(second.id):"))
        #expect(oldest.lowerBound < newest.lowerBound, "oldest first")
        #expect(try Golden.check(status, "status-operator-history.txt"))

        _ = try round.reply(from: ValueModelTests.school, "СТАТУС", at: round.at("2020-09-12 13:00"))
        let own = try #require(
            try round.flush(round.at("2020-09-12 13:01")).first { $0.parsed.recipients == [ValueModelTests.school] })
        #expect(!own.parsed.text.contains("ИСТОРИЯ"), "the school's copy has no history")
        #expect(own.parsed.text.contains("Чтобы прислать или исправить значения, ответьте на это письмо."))
    }
}

extension RoundScenario {
    /// The school's «1.5: 7» on the 11th, and the review letter the first operator gets for it
    /// (nil if none came): where an operator's commands by mail start.
    func operatorReviewOfOneValue() throws -> ParsedMessage? {
        _ = try reply(from: ValueModelTests.school, "1.5: 7", at: at("2020-09-11 09:00"))
        _ = try gateway.scheduler.tick(now: at("2020-09-11 10:00"))
        return try flush(at("2020-09-11 10:01")).first { $0.parsed.recipients == [ValueModelTests.operator1] }?.parsed
    }
}
