import Foundation
import IndigateCore
import IndigateStore
import Testing

@testable import IndigateApp

/// What the model of a value must get right, through the application as users meet it: each
/// test plays letters and replies on the fixed clock and reads what every letter, report and
/// status says about the same value.
@Suite struct ValueModelTests {
    static let school = "etkul-sosh@etkul.edu.test"
    static let inn = "7430112855"
    static let operator1 = "operator1@rcokio.test"
    static let operator2 = "operator2@rcokio.test"

    /// September's round open, its request letters sent.
    func september() throws -> RoundScenario {
        let round = try RoundScenario()
        _ = try round.gateway.setup.run(now: round.at("2020-09-01 08:00"))
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-10 10:00"))
        _ = try round.flush(round.at("2020-09-10 10:01"))
        return round
    }

    func text(_ letters: [(name: String, raw: [UInt8], parsed: ParsedMessage)], to recipient: String) throws -> String {
        try #require(letters.first { $0.parsed.recipients == [recipient] }).parsed.text
    }

    @Test func aDecisionAppliesToTheVersionTheOperatorSaw() throws {
        let round = try september()
        _ = try round.reply(from: Self.school, "1.5: 100", at: round.at("2020-09-11 09:00"))
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-11 10:00"))
        _ = try round.flush(round.at("2020-09-11 10:01"))
        let first = try #require(try round.values(Self.inn)["1.5"])

        // The school corrects the value before the operator answers the letter that listed 100.
        _ = try round.reply(from: Self.school, "1.5: 200", at: round.at("2020-09-11 10:30"))
        let second = try #require(try round.values(Self.inn)["1.5"])
        _ = try round.reply(from: Self.operator1, "ПРИНЯТЬ \(first.id)", at: round.at("2020-09-11 11:00"))
        var letters = try round.flush(round.at("2020-09-11 11:01"))
        let transcript = try #require(letters.first { $0.parsed.recipients == [Self.operator1] })
        #expect(transcript.parsed.subject == "Обработано (ошибок: 1)")
        #expect(transcript.parsed.text.contains("№ \(first.id): заменено новым значением (№ \(second.id)), решение не принято"))
        #expect(
            !letters.contains { $0.parsed.subject.hasPrefix("Результат проверки") }, "no decision letter: nothing was decided")

        // «ПРИНЯТЬ ВСЕ» on that letter accepts only what it listed and is still current: nothing.
        _ = try round.reply(from: Self.operator2, "ПРИНЯТЬ ВСЕ", at: round.at("2020-09-11 11:10"))
        letters = try round.flush(round.at("2020-09-11 11:11"))
        #expect(try text(letters, to: Self.operator2).contains("№ \(first.id): заменено новым значением (№ \(second.id))"))
        var values = try round.values(Self.inn)
        #expect(values["1.5"]?.number == 200 && values["1.5"]?.state == "review")
        #expect(values["1.5"]?.history?.map(\.state) == ["review"] && values["1.5"]?.history?.first?.supersededBy == second.id)

        // The next review letter lists 200 alone; accepting it is what every view then shows.
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-11 12:00"))
        letters = try round.flush(round.at("2020-09-11 12:01"))
        #expect(letters.filter { $0.parsed.subject.hasPrefix("На проверку: 1 ") }.count == 3)
        _ = try round.reply(from: Self.operator1, "ПРИНЯТЬ ВСЕ", at: round.at("2020-09-11 13:00"))
        letters = try round.flush(round.at("2020-09-11 13:01"))
        let decision = try text(letters, to: Self.school)
        #expect(decision.contains("Последние принятые данные: 200 (11.09.2020 - 13:00:00)"))
        #expect(!decision.contains("на проверке") && !decision.contains("100"), "the decision letter tells one story")
        values = try round.values(Self.inn)
        #expect(values["1.5"]?.state == "accepted" && values["1.5"]?.number == 200)

        // Status, reports and digest agree on the same value and the same counts.
        _ = try round.reply(from: Self.school, "СТАТУС", at: round.at("2020-09-11 14:00"))
        let status = try text(try round.flush(round.at("2020-09-11 14:01")), to: Self.school)
        #expect(status.contains("1.5: Последние принятые данные: 200 (11.09.2020 - 13:00:00). Ввод запрещен"))
        let scope = ReportScope.municipality("Еткульский МР")
        let data = try round.gateway.reports.dataReport(scope: scope, selection: .lastAccepted)
        let line = try #require(data.withData.first { $0.inn == Self.inn }?.lines.first { $0.code == "1.5" })
        #expect(line.value == "200" && line.date == "11.09.2020 - 13:00:00")
        #expect(data.withData.first { $0.inn == Self.inn }?.withValues == 1)
        let completeness = try #require(try round.gateway.reports.completenessReport(scope: scope))
        #expect(completeness.total.received == 1 && completeness.total.accepted == 1)
        #expect(try round.gateway.reports.dataReport(scope: scope, selection: .new).withData.isEmpty)
    }

    @Test func anOptionalDocumentIsKeptWithItsValueAndShownToOperators() throws {
        let round = try september()
        let pdf = try TestInstallation.pdf("plain-one-page.pdf")
        let raw = [
            "From: \(Self.school)", "To: \(round.replyTo[Self.school]!)", "Subject: Re", "Message-ID: <opt@school.test>",
            "Content-Type: multipart/mixed; boundary=B", "", "--B", "Content-Type: text/plain; charset=utf-8", "",
            "1.3: 45 / 300", "--B", "Content-Type: application/pdf; name=\"1.3 справка.pdf\"",
            "Content-Disposition: attachment; filename=\"1.3 справка.pdf\"", "Content-Transfer-Encoding: base64", "",
            Data(pdf).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]),
            "--B--", "",
        ].joined(separator: "\r\n")
        _ = try round.gateway.intake.ingest(Array(raw.utf8), source: "test", now: round.at("2020-09-11 09:00"))
        let value = try #require(try round.values(Self.inn)["1.3"])
        #expect(value.state == "review" && value.document == "1.3 справка.pdf")
        var letters = try round.flush(round.at("2020-09-11 09:01"))
        #expect(try text(letters, to: Self.school).contains("«1.3 справка.pdf» — документ к показателю 1.3"))
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-11 10:00"))
        letters = try round.flush(round.at("2020-09-11 10:01"))
        let review = try #require(letters.first { $0.parsed.recipients == [Self.operator1] })
        let name = "\(value.id)_МОУ_Еткульская_СОШ_Еткульский_1.3"
        #expect(review.parsed.attachments.map(\.fileName) == ["\(name).pdf", "\(name)_стр1.png"])
        #expect(
            review.parsed.text.contains(
                "Документ: \(name).pdf (1 страница), во вложении; первая страница — картинкой \(name)_стр1.png"))
        // The first page, drawn by poppler in the parse stage: a PNG 240 pixels wide.
        let png = try #require(review.parsed.attachments.last)
        #expect(png.contentType == "image/png" && png.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.bytes.count > 24 && png.bytes[16..<20].reduce(0) { $0 << 8 | Int($1) } == 240)
    }

    @Test func aReplyToAClosedRoundRecordsNothingAndPointsToTheOpenOne() throws {
        let round = try september()
        let septemberAddress = try #require(round.replyTo[Self.school])
        // Before the next-data date a late value is taken and marked late.
        _ = try round.reply(from: Self.school, "1.5: 12", at: round.at("2020-09-28 09:00"))
        #expect(try round.values(Self.inn)["1.5"]?.late == true)
        _ = try round.gateway.scheduler.tick(now: round.at("2020-10-10 10:00"))
        _ = try round.flush(round.at("2020-10-10 10:01"))

        // After it, with October open, a reply to September's letter records nothing.
        _ = try round.reply(from: Self.school, "1.5: 13", at: round.at("2020-10-11 09:00"), to: septemberAddress)
        #expect(try round.values(Self.inn)["1.5"]?.number == 12)
        #expect(try round.values(Self.inn, "2020-10")["1.5"] == nil)
        let receipt = try text(try round.flush(round.at("2020-10-11 09:01")), to: Self.school)
        #expect(receipt.contains("Сбор данных за сентябрь 2020 закрыт"))
        #expect(receipt.contains("«1.5: 13»\n      → не записано: сбор закрыт"))
        #expect(receipt.contains("СВОДКА ЗА октябрь 2020"))
        // Answering that receipt gives October the value.
        _ = try round.reply(from: Self.school, "1.5: 13", at: round.at("2020-10-11 10:00"))
        #expect(try round.values(Self.inn, "2020-10")["1.5"]?.number == 13)
        #expect(try round.values(Self.inn, "2020-10")["1.5"]?.late == false)
    }

    @Test func theStatusShowsTheLastAcceptedValueBesideANewerOne() throws {
        let round = try september()
        _ = try round.reply(from: Self.school, "1.5: 12", at: round.at("2020-09-11 09:00"))
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-11 10:00"))
        _ = try round.flush(round.at("2020-09-11 10:01"))
        _ = try round.reply(from: Self.operator1, "ПРИНЯТЬ ВСЕ", at: round.at("2020-09-11 11:00"))
        _ = try round.gateway.scheduler.tick(now: round.at("2020-10-10 10:00"))
        _ = try round.flush(round.at("2020-10-10 10:01"))
        _ = try round.reply(from: Self.school, "1.5: 14\nСТАТУС", at: round.at("2020-10-11 09:00"))
        let letters = try round.flush(round.at("2020-10-11 09:01"))
        let status = try #require(letters.first { $0.parsed.subject.hasPrefix("Состояние данных") }).parsed.text
        #expect(status.contains("1.5: 14 — на проверке; последние принятые данные: 12 (11.09.2020 - 11:00:00)"))
    }

    /// A clerk who gives their name in a reply is not asked for it in that reply's receipt: the
    /// receipt reads the contact as the reply left it.
    @Test func aClerkWhoGivesTheirNameIsNotAskedForItAgain() throws {
        let round = try september()
        let ask = "Укажите, пожалуйста, кто заполняет данные"
        try round.gateway.testStore.write { tx in
            let contact = try #require(try tx.contact(email: Self.school))
            try tx.updateContactDetail(contactID: contact.id, field: .personName, value: "")
        }
        _ = try round.reply(from: Self.school, "1.5: 12", at: round.at("2020-09-11 09:00"))
        #expect(try text(try round.flush(round.at("2020-09-11 09:01")), to: Self.school).contains(ask))
        _ = try round.reply(
            from: Self.school, "1.5: 13\nФИО: Иванова Мария Петровна\nДолжность: заместитель директора",
            at: round.at("2020-09-11 10:00"))
        let receipt = try text(try round.flush(round.at("2020-09-11 10:01")), to: Self.school)
        #expect(receipt.contains("контактные данные сохранены"))
        #expect(!receipt.contains(ask))
    }

    @Test func aCoordinatorsReportDoesNotStartItsOrganisation() throws {
        let round = try september()
        let coordinator = "uo-coord@etkul.edu.test"
        _ = try round.gateway.scheduler.digests.send(now: round.at("2020-09-14 09:30"), force: true)
        _ = try round.flush(round.at("2020-09-14 09:31"))
        #expect(try round.reply(from: coordinator, "ОТЧЁТ", at: round.at("2020-09-14 10:00")) == .applied(inboundID: 1))
        let start = try round.gateway.reports.startReport(scope: .municipality("Еткульский МР"))
        #expect(start.notStarted.contains { $0.inn == "7430348561" }, "the МОУО has not started: only its coordinator wrote")
        #expect(!start.started.contains { $0.inn == "7430348561" })
    }
}
