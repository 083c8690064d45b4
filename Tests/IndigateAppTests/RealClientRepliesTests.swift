import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import Testing

@testable import IndigateApp

/// Replies as real mail clients send them (Fixtures/replies: one .eml per case, its expected
/// outcome in the .json beside it). Each runs on a fresh installation with September's round
/// open; the reply answers the request letter of МОУ «Еткульская СОШ».
@Suite struct RealClientRepliesTests {
    static let directory = TestInstallation.fixtures + "/replies"
    static let school = "etkul-sosh@etkul.edu.test"
    static let names: [String] =
        (try? FileManager.default.contentsOfDirectory(atPath: directory))?
        .filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted() ?? []

    struct Expected: Decodable {
        var outcome: String
        var values: [String: String]
        var states: [String: String]?
        var documents: [String: String]?
        var errors: [String]?
        var receiptContains: [String]?
        var note: String?
    }

    @Test func thereAreAtLeastFortyCases() {
        #expect(Self.names.count >= 40)
    }

    @Test(arguments: names)
    func reply(_ name: String) throws {
        let expected = try JSONDecoder().decode(
            Expected.self, from: Data(contentsOf: URL(fileURLWithPath: "\(Self.directory)/\(name).json")))
        let (outcome, gateway) = try run(name)
        switch (expected.outcome, outcome) {
        case ("applied", .applied), ("quarantined", .quarantined), ("ignored", .ignored): break
        default: Issue.record("\(name): expected \(expected.outcome), got \(outcome)")
        }

        let values = try gateway.admin.values(inn: "7430112855", month: "2020-09")
        let recorded = Dictionary(uniqueKeysWithValues: values.map { ($0.indicator, Self.text(of: $0)) })
        #expect(recorded == expected.values, "\(name): values")
        for (code, state) in expected.states ?? [:] {
            #expect(values.first { $0.indicator == code }?.state == state, "\(name): state of \(code)")
        }
        for (code, file) in expected.documents ?? [:] {
            #expect(values.first { $0.indicator == code }?.document == file, "\(name): document of \(code)")
        }

        let receipts = try gateway.testStore.read { try $0.letters(purpose: .receipt) }
        guard expected.outcome == "applied" else {
            #expect(receipts.isEmpty, "\(name): no answer")
            return
        }
        let receipt = try MessageParser().parse(try #require(receipts.first, "\(name): a receipt").raw).text
        for code in expected.errors ?? [] {
            #expect(Self.lineIsAnError(code, in: receipt), "\(name): the receipt reports \(code) as an error")
        }
        for phrase in expected.receiptContains ?? [] {
            #expect(receipt.contains(phrase), "\(name): the receipt says «\(phrase)»")
        }
    }

    /// Receipts reviewed like code: one golden file per representative case.
    @Test(arguments: ["no-values-at-all", "winmail-dat", "grammar-not-a-number", "two-pdfs-unnamed", "outlook-ru-quoted-cp1251"])
    func receiptText(_ name: String) throws {
        let (_, gateway) = try run(name)
        let receipt = try #require(try gateway.testStore.read { try $0.letters(purpose: .receipt) }.first)
        #expect(try Golden.check(try MessageParser().parse(receipt.raw).text, "receipt-\(name).txt"))
    }

    /// A fresh installation with September's round (groups 1–3) open, and the fixture ingested.
    func run(_ name: String) throws -> (MessageOutcome, Gateway) {
        let installation = try TestInstallation()
        let gateway = installation.gateway
        let now = TestInstallation.date("2020-09-16T06:00:00Z")
        _ = try gateway.setup.run(now: now)
        _ = try gateway.scheduler.rounds.open(
            month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: ["1", "2", "3"], now: now)
        let request = try #require(
            try gateway.testStore.read { try $0.letters(purpose: .request) }.first { $0.recipient == Self.school })
        let parsedRequest = try MessageParser().parse(request.raw)
        let raw = try TestInstallation.fixtureBytes(
            "replies/\(name).eml",
            ["REPLY_TO": parsedRequest.replyTo[0], "IN_REPLY_TO": parsedRequest.messageID ?? ""])
        return (try gateway.intake.ingest(raw, source: name, now: now), gateway)
    }

    static func text(of value: ValueView) -> String {
        if let number = value.number { return String(number) }
        if let yes = value.yes { return yes ? "Да" : "Нет" }
        return "\(value.part ?? 0)/\(value.whole ?? 0)"
    }

    /// In the receipt, a line the school wrote that starts with `code`, followed by «→ ошибка».
    static func lineIsAnError(_ code: String, in receipt: String) -> Bool {
        let lines = receipt.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.indices.contains { index in
            index + 1 < lines.count && lines[index].hasPrefix("«" + code) && lines[index + 1].hasPrefix("→ ошибка")
        }
    }
}
