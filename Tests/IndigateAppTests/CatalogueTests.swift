import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import Testing

@testable import IndigateApp

/// «КАТАЛОГ»: every group and indicator of the catalogue by mail, the portal's «Все индикативы»,
/// groups no request shows included.
@Suite struct CatalogueTests {
    @Test func aSchoolGetsTheWholeCatalogueWithItsOwnMarked() throws {
        let round = try ValueModelTests().september()
        _ = try round.reply(from: ValueModelTests.school, "КАТАЛОГ", at: round.at("2020-09-11 09:00"))
        let letters = try round.flush(round.at("2020-09-11 09:01")).filter { $0.parsed.recipients == [ValueModelTests.school] }
        // The catalogue alone: a reply that only asks gets no receipt.
        #expect(letters.count == 1)
        let letter = try #require(letters.first).parsed
        #expect(letter.subject == "Все показатели мониторинга")
        #expect(letter.text.contains("4.1. ") && letter.text.contains("5.2. "), "groups 4 and 5, never in a request")
        #expect(letter.text.contains("* 1.5. ") && letter.text.contains("\n2.1. "), "its own marked, a МОУО's not")
        #expect(try Golden.check(letter.text, "catalogue-school.txt"))
    }

    @Test func aCoordinatorAsksForTheCatalogueAlone() throws {
        let data = try ReportsTests.Data()
        _ = try data.gateway.scheduler.digests.send(now: data.at("2020-10-19 09:00"), force: true)
        let digest = try #require(
            try data.gateway.testStore.read { try $0.letters(purpose: .digest) }.first {
                $0.recipient == "uo-coord@etkul.edu.test"
            })
        let replyTo = try MessageParser().parse(digest.raw).replyTo[0]
        let digestsBefore = try data.gateway.testStore.read { try $0.letters(purpose: .digest) }.count
        let raw = "From: uo-coord@etkul.edu.test\r\nTo: \(replyTo)\r\nSubject: Re\r\nMessage-ID: <cat@x.test>\r\n\r\nКаталог\r\n"
        _ = try data.gateway.intake.ingest(Array(raw.utf8), source: "t", now: data.at("2020-10-20 10:00"))
        let notice = try #require(try data.gateway.testStore.read { try $0.letters(purpose: .notice) }.last)
        let letter = try MessageParser().parse(notice.raw)
        #expect(letter.inReplyTo == "cat@x.test" && letter.text.contains("5.2. "))
        #expect(!letter.text.contains("* "), "a coordinator answers nothing")
        #expect(try data.gateway.testStore.read { try $0.letters(purpose: .digest) }.count == digestsBefore)
    }
}
