import Foundation
import IndigateCore
import IndigateMIME
import Testing

@testable import IndigateApp

/// Coordinators ask for reports by mail («ОТЧЁТ» with a round, a date or a municipality), on
/// `ReportsTests`' data set.
extension ReportsTests {
    @Test func aCoordinatorAsksForAReportByMail() throws {
        let data = try Data()
        _ = try data.gateway.scheduler.digests.send(now: data.at("2020-10-19 09:00"), force: true)
        let digest = try #require(
            try data.gateway.testStore.read { try $0.letters(purpose: .digest) }.first {
                $0.recipient == "uo-coord@etkul.edu.test"
            })
        let replyTo = try MessageParser().parse(digest.raw).replyTo[0]
        let raw =
            "From: uo-coord@etkul.edu.test\r\nTo: \(replyTo)\r\nSubject: Re\r\nMessage-ID: <ask@x.test>\r\n\r\nОТЧЁТ 01.10.2020\r\n3.1: 999\r\n"
        let outcome = try data.gateway.intake.ingest(Array(raw.utf8), source: "t", now: data.at("2020-10-20 10:00"))
        #expect(outcome == .applied(inboundID: outcome.inboundID))
        let answer = try MessageParser().parse(
            try #require(try data.gateway.testStore.read { try $0.letters(purpose: .digest) }.last).raw)
        #expect(answer.inReplyTo == "ask@x.test")
        #expect(answer.text.contains("ОТЧЁТ ПО ПРЕДОСТАВЛЕННЫМ ДАННЫМ: До 01.10.2020"))
        #expect(answer.text.contains("Координатор не может вносить или менять значения"))
        #expect(try data.gateway.admin.values(inn: "7430112855", month: "2020-10").first?.number == 160, "nothing changed")
        #expect(answer.attachments.first?.fileName.hasSuffix(".xlsx") == true)

        // «ОТЧЁТ НОВЫЕ CSV»: values not yet reviewed, the table as CSV.
        let again =
            "From: uo-coord@etkul.edu.test\r\nTo: \(replyTo)\r\nSubject: Re\r\nMessage-ID: <ask2@x.test>\r\n\r\nотчёт новые csv\r\n"
        _ = try data.gateway.intake.ingest(Array(again.utf8), source: "t", now: data.at("2020-10-20 11:00"))
        let csv = try MessageParser().parse(
            try #require(try data.gateway.testStore.read { try $0.letters(purpose: .digest) }.last).raw)
        #expect(csv.inReplyTo == "ask2@x.test")
        #expect(csv.text.contains("ОТЧЁТ ПО ПРЕДОСТАВЛЕННЫМ ДАННЫМ: Новые значения"))
        #expect(csv.attachments.first?.contentType == "text/csv")
    }

    /// «ОТЧЁТ 2020-09»: a past round as it ended — the newest value of each indicator sent in it
    /// and its completeness — and the digest says which parts the round or an as-of date concerns.
    @Test func aCoordinatorAsksForAPastRound() throws {
        let data = try Data()
        _ = try data.gateway.scheduler.digests.send(now: data.at("2020-10-19 09:00"), force: true)
        var sequence = 0
        func ask(_ body: String) throws -> ParsedMessage {
            sequence += 1
            return try data.ask("uo-coord@etkul.edu.test", body, id: "past\(sequence)")
        }
        let september = try ask("ОТЧЁТ 2020-09")
        #expect(september.text.contains("Заполнение и отчёт по предоставленным данным — за сбор «сентябрь 2020»"))
        #expect(september.text.contains("ЗАПОЛНЕНИЕ ЗА сентябрь 2020"))
        #expect(september.text.contains("ОТЧЁТ ПО ПРЕДОСТАВЛЕННЫМ ДАННЫМ: Сбор за сентябрь 2020"))
        #expect(
            september.text.contains("3.1: 150 (") && !september.text.contains("3.1: 160 ("), "September's value, not October's")
        #expect(try Golden.check(september.text, "digest-etkul-round-2020-09.txt"))
        let october = try ask("отчёт 10.2020")
        #expect(october.text.contains("3.1: 160 (") && october.text.contains("ЗАПОЛНЕНИЕ ЗА октябрь 2020"))
        let never = try ask("ОТЧЁТ 2019-09")
        #expect(never.text.contains("Сбор за сентябрь 2019 (такого сбора не было)"))
        let asOf = try ask("ОТЧЁТ 01.10.2020")
        #expect(
            asOf.text.contains(
                "Дата «до 01.10.2020» относится к отчёту по предоставленным данным; заполнение и начало работы — на"))
        #expect(!september.text.contains("Дата «до"))

        // The same from the shell: `report completeness --round 2020-09`.
        let completeness = String(
            decoding: try data.gateway.reportRenderer.render(
                .completeness, scope: .municipality("Еткульский МР"), selection: .round("2020-09"), format: "text",
                now: data.at("2020-10-20 09:00")), as: UTF8.self)
        #expect(completeness.contains("ЗАПОЛНЕНИЕ ЗА сентябрь 2020"))
    }

    /// «ОТЧЁТ <муниципалитет>»: the regional coordinator narrows the digest to one municipality;
    /// a municipal coordinator cannot look at another; an unknown name is said so.
    @Test func theRegionalCoordinatorAsksForOneMunicipality() throws {
        let data = try Data()
        _ = try data.gateway.scheduler.digests.send(now: data.at("2020-10-19 09:00"), force: true)
        func ask(_ from: String, _ body: String, id: String) throws -> ParsedMessage {
            try data.ask(from, body, id: id)
        }
        let etkul = try ask("coord@minobr74.test", "ОТЧЁТ еткульский", id: "m1")
        #expect(etkul.text.contains("Еткульский МР, на") && !etkul.text.contains("Миасский ГО"))
        let unknown = try ask("coord@minobr74.test", "ОТЧЁТ Атлантида", id: "m2")
        #expect(unknown.text.contains("Муниципалитет «Атлантида» не найден"))
        #expect(unknown.text.contains("Миасский ГО") && unknown.text.contains("Еткульский МР"))
        let own = try ask("uo-coord@etkul.edu.test", "ОТЧЁТ Миасский", id: "m3")
        #expect(own.text.contains("Сводка по «Миасский» недоступна"))
        #expect(!own.text.contains("Миасский ГО"))
    }
}
