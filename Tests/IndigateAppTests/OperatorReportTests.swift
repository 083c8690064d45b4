import Foundation
import IndigateCore
import Testing

@testable import IndigateApp

/// «ОТЧЁТ» in an operator's reply: the region's digest (or a municipality's) by mail, chosen with
/// the words a coordinator uses, a transcript line for each, and a reply to that digest read as
/// commands like any reply to the review letter.
@Suite struct OperatorReportTests {
    @Test func anOperatorGetsTheDigestWithoutAShell() throws {
        let round = try ValueModelTests().september()
        let review = try #require(try round.operatorReviewOfOneValue())
        #expect(review.text.contains("    ОТЧЁТ\n"))
        _ = try round.reply(
            from: ValueModelTests.operator1, "ОТЧЁТ\nОТЧЁТ Еткульский НОВЫЕ CSV\nотчет Атлантида\u{1B}[2J",
            at: round.at("2020-09-11 11:00"))
        let letters = try round.flush(round.at("2020-09-11 11:01")).filter { $0.parsed.recipients == [ValueModelTests.operator1] }
        let digests = letters.filter { $0.parsed.subject.hasPrefix("Сводка мониторинга") }.map(\.parsed)
        #expect(digests.count == 2, "one digest for each ОТЧЁТ that named a scope of the region")
        let region = try #require(digests.first { $0.subject.contains("вся область") })
        #expect(region.attachments.first?.contentType == DataReportXLSX.contentType)
        let etkul = try #require(digests.first { $0.subject.contains("Еткульский МР") })
        #expect(etkul.attachments.first?.contentType == "text/csv")
        #expect(
            String(decoding: etkul.attachments[0].bytes, as: UTF8.self).contains("7430112855"), "НОВЫЕ: the value under review")

        let transcript = try #require(letters.first { $0.parsed.subject.hasPrefix("Обработано") }).parsed
        #expect(transcript.subject == "Обработано (ошибок: 1)")
        #expect(transcript.text.contains("отчёт (вся область) отправлен отдельным письмом"))
        #expect(transcript.text.contains("отчёт (Еткульский МР) отправлен отдельным письмом"))
        #expect(transcript.text.contains("ошибка: муниципалитета «Атлантида [2J» нет в списке"))
        #expect(!transcript.text.unicodeScalars.contains { $0.value == 0x1B })
        #expect(try Golden.check(transcript.text, "transcript-report.txt"))

        // A reply to the operator's digest is read as commands on the review letter.
        let digestReplyTo = try #require(letters.first { $0.parsed.subject.contains("вся область") }?.parsed.replyTo.first)
        let id = try #require(try round.values(ValueModelTests.inn)["1.5"]).id
        let outcome = try round.reply(
            from: ValueModelTests.operator1, "ПРИНЯТЬ \(id)", at: round.at("2020-09-11 12:00"), to: digestReplyTo)
        guard case .applied = outcome else {
            Issue.record("the reply to the digest was not applied: \(outcome)")
            return
        }
        #expect(try round.values(ValueModelTests.inn)["1.5"]?.state == "accepted")
    }
}
