import Foundation
import IndigateCore
import Testing

@testable import IndigateApp

/// «СТАТУС <ИНН>» in an operator's reply: one organisation's standing by mail, the four tabs its
/// school would get, and a line in the transcript.
@Suite struct OperatorStatusTests {
    @Test func anOperatorReadsOneOrganisationsStandingWithoutAShell() throws {
        let round = try ValueModelTests().september()
        _ = try round.reply(from: ValueModelTests.school, "1.5: 7", at: round.at("2020-09-11 09:00"))
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-11 10:00"))
        let review = try #require(
            try round.flush(round.at("2020-09-11 10:01")).first { $0.parsed.recipients == [ValueModelTests.operator1] })
        #expect(review.parsed.text.contains("СТАТУС <ИНН>"))
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
}
