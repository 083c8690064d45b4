import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import IndigateXLSX
import Testing

@testable import IndigateApp

/// The coordinators' reports on a fixed data set: an organisation that never started, one
/// complete, one with a rejected value, one late, one whose address bounces, two rounds with an
/// as-of date between them; a municipal coordinator sees only their municipality.
@Suite struct ReportsTests {
    static let complete = "etkul-sosh@etkul.edu.test"  // 7430112855: everything accepted
    static let rejected = "koelga-sosh@etkul.edu.test"  // 7430957210: one value rejected
    static let late = "uo@etkul.edu.test"  // the МОУО: its 2.1 after the deadline
    static let bouncing = "lebedevka-sosh@etkul.edu.test"

    final class Data {
        let installation: TestInstallation
        var gateway: Gateway { installation.gateway }
        var sequence = 0

        init(october: Bool = true) throws {
            installation = try TestInstallation()
            let g = installation.gateway
            _ = try g.setup.run(now: at("2020-09-01 08:00"))
            _ = try g.scheduler.rounds.open(
                month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: ["1", "2", "3"], now: at("2020-09-10 10:00")
            )
            try reply(
                selfComplete,
                "1.1: 0\n1.2: 0\n1.3: 10 / 100\n1.4: Нет\n1.5: 12\n2.2: 0\n2.3: 5\n2.4: 3\n2.5: Нет\n2.6: 20 из 400\n2.7: Нет\n2.8: 7\n3.1: 150",
                at: "2020-09-11 09:00")
            try reply(selfRejected, "1.5: 8\n3.1: 90", at: "2020-09-11 09:10")
            let rejectedID = organizationID(selfRejected)
            try decideAll(at: "2020-09-12 10:00") { value in
                value.indicatorCode == "1.5" && value.organizationID == rejectedID ? "Проверьте значение" : nil
            }
            try reply(selfLate, "2.1: 4", at: "2020-09-27 12:00")
            try bounce(selfBouncing)
            // October: the complete school sends one new value, accepted after the as-of date.
            guard october else { return }
            _ = try g.scheduler.rounds.open(
                month: "2020-10", deadline: "2020-10-25", nextDataAfter: nil, groups: ["1", "2", "3"], now: at("2020-10-10 10:00")
            )
            try reply(selfComplete, "3.1: 160", at: "2020-10-11 09:00")
            try decideAll(at: "2020-10-12 10:00") { _ in nil }
        }

        /// Replies with `body` from `from` to the last digest they got, and returns the digest
        /// that answers it.
        func ask(_ from: String, _ body: String, id: String, at time: String = "2020-10-20 10:00") throws -> ParsedMessage {
            let digest = try #require(
                try gateway.testStore.read { try $0.letters(purpose: .digest) }.last { $0.recipient == from })
            let replyTo = try MessageParser().parse(digest.raw).replyTo[0]
            let raw = "From: \(from)\r\nTo: \(replyTo)\r\nSubject: Re\r\nMessage-ID: <\(id)@x.test>\r\n\r\n\(body)\r\n"
            _ = try gateway.intake.ingest(Array(raw.utf8), source: "t", now: at(time))
            return try MessageParser().parse(
                try #require(try gateway.testStore.read { try $0.letters(purpose: .digest) }.last).raw)
        }

        func at(_ text: String) -> Date {
            TestInstallation.date(text.replacingOccurrences(of: " ", with: "T") + ":00+05:00")
        }

        func organizationID(_ email: String) -> Int64 {
            (try? gateway.testStore.read { try $0.contact(email: email)?.organizationID }) ?? nil ?? 0
        }

        func reply(_ from: String, _ body: String, at time: String) throws {
            let letters = try gateway.testStore.read { try $0.letters(purpose: .request) }.filter { $0.recipient == from }
            let replyTo = try MessageParser().parse(letters.last!.raw).replyTo[0]
            sequence += 1
            let raw = "From: \(from)\r\nTo: \(replyTo)\r\nSubject: Re\r\nMessage-ID: <rep\(sequence)@x.test>\r\n\r\n\(body)\r\n"
            _ = try gateway.intake.ingest(Array(raw.utf8), source: "test", now: at(time))
        }

        /// Decides every submission under review: rejected with the returned resolution, else accepted.
        func decideAll(at time: String, resolution: @escaping (ValueVersion) -> String?) throws {
            let operatorID = try gateway.testStore.read { try $0.contact(email: "operator1@rcokio.test")!.id }
            try gateway.testStore.write { tx in
                for value in try tx.versions() where value.stage == .underReview {
                    let text = resolution(value)
                    let decision = ValueLife.Decision(accept: text == nil, operatorID: operatorID, resolution: text)
                    _ = try tx.saveTransition(from: value, to: try ValueLife.decide(decision, on: value, at: at(time)).get())
                }
            }
        }

        func bounce(_ email: String) throws {
            try gateway.testStore.write { tx in
                let contact = try tx.contact(email: email)!
                let inbound = try tx.archive(
                    raw: Array("bounce".utf8), sha256: UUID().uuidString, source: "test", at: at("2020-09-11 12:00"))
                guard case .new(let id) = inbound else { return }
                try tx.recordBounce(
                    inboundID: id, letterID: nil, contactID: contact.id, permanent: true, status: "5.1.1",
                    at: at("2020-09-11 12:00"))
            }
        }
    }

    @Test func startReportOfAMunicipality() throws {
        let data = try Data()
        let report = try data.gateway.reports.startReport(scope: .municipality("Еткульский МР"))
        #expect(report.started.map(\.inn).sorted() == ["7430112855", "7430348561", "7430957210"])
        #expect(report.notStarted.count == 5)
        #expect(report.notStarted.allSatisfy { !$0.inn.isEmpty })
        #expect(report.notStarted.first { $0.email == Self.bouncing }?.failing == true)
        #expect(!(report.started + report.notStarted + report.others).contains { $0.municipality != "Еткульский МР" }, "scope")
        let text = String(
            decoding: try data.gateway.reportRenderer.render(
                .start, scope: .municipality("Еткульский МР"), selection: .lastAccepted, format: "text",
                now: data.at("2020-10-20 09:00")), as: UTF8.self)
        #expect(try Golden.check(text, "report-start-etkul.txt"))
    }

    @Test func providedDataLastAcceptedAndAsOfADateBetweenRounds() throws {
        let data = try Data()
        let last = try data.gateway.reports.dataReport(scope: .region, selection: .lastAccepted)
        let complete = try #require(last.withData.first { $0.inn == "7430112855" })
        #expect(complete.withValues == 13 && complete.indicators == 13)
        #expect(complete.lines.first { $0.code == "3.1" }?.value == "160", "October's value")
        let rejected = try #require(last.withData.first { $0.inn == "7430957210" })
        #expect(rejected.withValues == 1, "3.1 accepted; 1.5 rejected counts as no data")
        #expect(rejected.lines.first { $0.code == "1.5" }?.value == "Нет данных")
        #expect(last.withoutData.count + last.withData.count == 48)

        let before = try data.gateway.reports.dataReport(scope: .region, selection: .acceptedBefore("2020-10-01"))
        #expect(before.selection == "До 01.10.2020")
        #expect(
            before.withData.first { $0.inn == "7430112855" }?.lines.first { $0.code == "3.1" }?.value == "150",
            "September's value")
        let none = try data.gateway.reports.dataReport(scope: .region, selection: .acceptedBefore("2020-09-01"))
        #expect(none.withData.isEmpty && none.withoutData.count == 48)

        let new = try data.gateway.reports.dataReport(scope: .region, selection: .new)
        #expect(new.withData.map(\.inn) == ["7430348561"], "the МОУО's late 2.1 waits for review")
        let text = String(
            decoding: try data.gateway.reportRenderer.render(
                .data, scope: .municipality("Еткульский МР"), selection: .acceptedBefore("2020-10-01"), format: "text",
                now: data.at("2020-10-20 09:00")), as: UTF8.self)
        #expect(try Golden.check(text, "report-data-etkul-before-october.txt"))
    }

    @Test func ofTwoVersionsAcceptedInTheSameSecondTheNewerIsReported() throws {
        let data = try Data()
        let school = data.organizationID(Self.complete)
        try data.gateway.testStore.write { tx in
            let last = try #require(try tx.lastAccepted(organizationID: school)["3.1"])
            try tx.addValues([
                BulkValue(
                    organizationID: school, indicatorCode: "3.1", roundID: last.roundID, contactID: last.contactID,
                    inboundID: last.inboundID, state: .accepted, number: 170, submittedAt: last.submittedAt,
                    decidedAt: last.decidedAt)
            ])
        }
        let report = try data.gateway.reports.dataReport(scope: .region, selection: .lastAccepted)
        let line = report.withData.first { $0.inn == "7430112855" }?.lines.first { $0.code == "3.1" }
        #expect(line?.value == "170")
        #expect(report.withData.first { $0.inn == "7430112855" }?.lines.filter { $0.code == "3.1" }.count == 1)
    }

    /// A round that asks fewer indicators: the values of the others are not counted as the
    /// round's, so the letter never says «13 из 12», nor lists as with data a school whose every
    /// line says «Нет данных».
    @Test func valuesOfIndicatorsTheRoundDoesNotAskAreNotCounted() throws {
        let data = try Data(october: false)
        _ = try data.gateway.scheduler.rounds.open(
            month: "2020-10", deadline: "2020-10-25", nextDataAfter: nil, groups: ["1", "2"], now: data.at("2020-10-10 10:00"))
        let report = try data.gateway.reports.dataReport(scope: .region, selection: .lastAccepted)
        let complete = try #require(report.withData.first { $0.inn == "7430112855" })
        #expect(!complete.lines.contains { $0.code == "3.1" })
        #expect(complete.withValues == 12 && complete.indicators == 12, "its accepted 3.1 is not asked in October")
        #expect(!report.withData.contains { $0.inn == "7430957210" }, "its one accepted value, 3.1, is not asked")
        let rejected = try #require(report.withoutData.first { $0.inn == "7430957210" })
        #expect(rejected.withValues == 0 && rejected.lines.allSatisfy { $0.value == "Нет данных" })
    }

    @Test func rejectedValuesAwaitingCorrectionAndLateOnesAreListed() throws {
        let data = try Data(october: false)
        let report = try data.gateway.reports.dataReport(scope: .region, selection: .lastAccepted)
        #expect(
            report.awaitingCorrection.map { "\($0.inn) \($0.code) \($0.resolution ?? "")" } == [
                "7430957210 1.5 Проверьте значение"
            ])
        #expect(report.late.map { "\($0.inn) \($0.code)" } == ["7430348561 2.1"])
        // In October's report, September's late value is history.
        let october = try Data().gateway.reports.dataReport(scope: .region, selection: .lastAccepted)
        #expect(october.late.isEmpty)
        #expect(october.awaitingCorrection.count == 1, "still not corrected")
        // Corrected: the rejected version is no longer its indicator's newest, in any round.
        try data.reply(Self.rejected, "1.5: 9", at: "2020-09-20 09:00")
        let corrected = try data.gateway.reports.dataReport(scope: .region, selection: .lastAccepted)
        #expect(corrected.awaitingCorrection.isEmpty)
    }

    @Test func completenessPerMunicipalityAndGroup() throws {
        let data = try Data()
        let report = try #require(try data.gateway.reports.completenessReport(scope: .region))
        #expect(report.round == "октябрь 2020")
        let etkul = try #require(report.municipalities.first { $0.name == "Еткульский МР" })
        #expect(etkul.received == 1 && etkul.accepted == 1 && etkul.onTime == 1)
        #expect(report.total.expected == report.municipalities.map(\.expected).reduce(0, +))
        #expect(report.groups.map { $0.name.prefix(2) } == ["1.", "2.", "3."])
        let municipal = try #require(try data.gateway.reports.completenessReport(scope: .municipality("Миасский ГО")))
        #expect(municipal.municipalities.map(\.name) == ["Миасский ГО"])
    }

    @Test func theCSVOpensInExcel() throws {
        let data = try Data()
        let csv = try data.gateway.reportRenderer.render(
            .data, scope: .municipality("Еткульский МР"), selection: .lastAccepted, format: "csv",
            now: data.at("2020-10-20 09:00"))
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "Муниципалитет;ИНН;Организация;Код;Показатель;Значение;Дата;Время;Состояние;Резолюция")
        let row = try #require(lines.first { $0.contains("7430112855") && $0.contains(";3.1;") })
        #expect(row.contains(";160;12.10.2020;10:00:00;принято;"))
        #expect(DataReportCSV.field("=1+1") == "'=1+1")
        #expect(DataReportCSV.field("a;b") == "\"a;b\"")
    }

    @Test func aMunicipalCoordinatorsDigestShowsOnlyTheirMunicipality() throws {
        let data = try Data()
        #expect(try data.gateway.scheduler.digests.send(now: data.at("2020-10-20 09:00"), force: true) == 7)
        let digests = try data.gateway.testStore.read { try $0.letters(purpose: .digest) }
        let etkul = try MessageParser().parse(try #require(digests.first { $0.recipient == "uo-coord@etkul.edu.test" }).raw)
        #expect(etkul.text.contains("Еткульский МР"))
        #expect(!etkul.text.contains("Миасс"), "no other municipality")
        // The table as an Excel workbook, read back with the module's own reader.
        #expect(etkul.attachments.first?.contentType == DataReportXLSX.contentType)
        let workbook = try XLSXWorkbook(etkul.attachments[0].bytes, limits: .table)
        let sheet = try workbook.worksheet(try #require(workbook.sheets.first))
        #expect(sheet.cells.contains { $0.value.text == "Еткульский МР" })
        #expect(!sheet.cells.contains { $0.value.text.contains("Миасс") })
        let regional = try MessageParser().parse(try #require(digests.first { $0.recipient == "coord@minobr74.test" }).raw)
        #expect(regional.text.contains("Миасский ГО") && regional.text.contains("Еткульский МР"))
        #expect(try Golden.check(etkul.text, "digest-etkul.txt"))
        // The HTML part is the same template as `report --format html`: kept for a look in a
        // browser when INDIGATE_RENDER_DIR is set.
        let html = String(
            decoding: try data.gateway.reportRenderer.render(
                .data, scope: .region, selection: .lastAccepted, format: "html", now: data.at("2020-10-20 09:00")), as: UTF8.self)
        #expect(html.contains("<table") && html.contains("Еткульский МР") && html.contains("width=\""))
        #expect(try Golden.check(html, "digest-region.html"))
        if let directory = ProcessInfo.processInfo.environment["INDIGATE_RENDER_DIR"] {
            try html.write(toFile: directory + "/digest-region.html", atomically: true, encoding: .utf8)
            let municipal = try data.gateway.reportRenderer.render(
                .data, scope: .municipality("Еткульский МР"), selection: .lastAccepted, format: "html",
                now: data.at("2020-10-20 09:00"))
            try Foundation.Data(municipal).write(to: URL(fileURLWithPath: directory + "/digest-etkul.html"))
        }
    }
}

private let selfComplete = ReportsTests.complete
private let selfRejected = ReportsTests.rejected
private let selfLate = ReportsTests.late
private let selfBouncing = ReportsTests.bouncing
