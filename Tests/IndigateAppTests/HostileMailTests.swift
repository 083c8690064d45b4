import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import IndigateTransport
import Testing

@testable import IndigateApp

/// Crafted messages (Fixtures/hostile, made by make-fixtures.py), one per finding of the
/// hostile-mail review: each is handled, answered or set aside as it should be, and none
/// crashes, stalls or speaks through indigate.
@Suite struct HostileMailTests {
    static let school = HostileWorld.school

    @Test func aMessageThatReleasesItselfIsAnsweredNotRecursed() throws {
        let world = try HostileWorld()
        let outcome = try world.ingest("release-itself.eml")
        #expect(outcome == .quarantined(inboundID: outcome.inboundID, entry: 1, reason: .fromMismatch))
        // Released, it is handled as the operator's own reply: its command names itself, which
        // is already released — an answer, not a recursion.
        #expect(try world.gateway.admin.releaseQuarantine(id: 1, by: "cli", now: world.round.at("2020-09-11 10:10")) == .applied(inboundID: outcome.inboundID))
        let transcript = try #require(try world.letters().first { $0.parsed.subject.hasPrefix("Обработано") })
        #expect(transcript.parsed.text.contains("ошибка: сообщение № 1 уже освобождено"))
    }

    @Test func anOperatorsReleaseInABatchTouchesNothingElse() throws {
        let world = try HostileWorld()
        _ = try world.ingest("release-itself.eml")
        let schools = ["koelga-sosh@etkul.edu.test", "belonosovo-sosh@etkul.edu.test", "school24@kasli.edu.test", Self.school]
        for (index, school) in schools.enumerated() {
            let raw = "From: \(school)\r\nTo: \(world.round.replyTo[school]!)\r\nSubject: Re\r\nMessage-ID: <b\(index)@x.test>\r\n\r\n3.1: \(index)\r\n"
            try world.installation.deliver(raw, name: "\(index).school")
        }
        try world.installation.deliver(try world.fixture("operator-releases-1.eml"), name: "9.operator")
        let report = try world.gateway.intake.poll(source: try world.installation.inbox, now: world.round.at("2020-09-11 11:00"))
        #expect(report.taken == 5 && report.applied == 6, "five taken, and the one released among them handled after: \(report)")
        // The released message came back as a message of its own, in the same pass, and was answered.
        #expect(try world.gateway.admin.status().inbound == ["applied": 7])
    }

    @Test func unterminatedTagsCostLinearTime() throws {
        let world = try HostileWorld(isolated: true)
        // Through the isolated parser with its 10-second limit: before the fix this took 30 s.
        let outcome = try world.ingest("html-unterminated-tags.eml")
        #expect(outcome == .quarantined(inboundID: outcome.inboundID, entry: 1, reason: .noToken))
    }

    @Test func aSubjectWithLineBreaksIsQuotedOnOneLine() throws {
        let world = try HostileWorld()
        #expect(try world.ingest("subject-line-breaks.eml") == .ignored(inboundID: 2, reason: .untokened))
        let letter = try #require(try world.letters().first { $0.parsed.recipients == [Self.school] }).parsed.text
        #expect(letter.contains("Мы получили ваше письмо «Данные ВНИМАНИЕ: ваш доступ заблокирован, войдите на портал"))
        let lines = letter.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("ВНИМАНИЕ") || $0.hasPrefix("№ 9999") }, "the attacker's lines are not lines")
        #expect(lines.allSatisfy { $0.count <= 400 })
    }

    @Test func terminalEscapesReachNeitherLettersNorTheTerminal() throws {
        let world = try HostileWorld()
        _ = try world.ingest("subject-terminal-escapes.eml")
        _ = try world.gateway.scheduler.reviewLetters.send(now: world.round.at("2020-09-11 11:00"), force: true)
        let review = try #require(try world.letters().first { $0.parsed.recipients == [HostileWorld.operator1] }).parsed.text
        #expect(review.contains("«[2J [31mВНИМАНИЕ»"))
        #expect(!review.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        let listed = CommandRunner.run(["quarantine", "list", "--config", world.installation.directory + "/indigate.yaml"])
        #expect(listed.output.contains("[2J [31mВНИМАНИЕ") && !listed.output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
    }

    @Test(arguments: ["from-two-at-signs.eml", "from-display-name-address.eml", "from-two-headers.eml", "from-nul.eml"])
    func aLooseFromIsRefusedAndTheSchoolIsTold(_ name: String) throws {
        let world = try HostileWorld()
        let outcome = try world.ingest(name)
        #expect(outcome == .quarantined(inboundID: outcome.inboundID, entry: 1, reason: .fromMismatch))
        #expect(try world.round.values(HostileWorld.inn)["1.5"] == nil, "nothing recorded")
        let told = try world.letters().filter { $0.parsed.recipients == [Self.school] }
        #expect(told.count == 1 && told[0].parsed.subject.hasPrefix("Письмо от имени"))
    }

    @Test(arguments: [
        ("pdf-openaction-javascript.eml", "JavaScript, действия при открытии"), ("pdf-zip-polyglot.eml", "посторонние данные в файле"),
    ])
    func anActivePDFNeverReachesOperators(name: String, kinds: String) throws {
        let world = try HostileWorld()
        #expect(try world.ingest(name) == .applied(inboundID: 2))
        #expect(try world.round.values(HostileWorld.inn)["1.1"]?.state == "saved", "the value waits for a clean document")
        let receipt = try #require(try world.letters().first { $0.parsed.recipients == [Self.school] }).parsed.text
        #expect(receipt.contains("«1.1 prikaz.pdf» — не принят: в PDF есть то, что может действовать на компьютере проверяющего (\(kinds))"))
        _ = try world.gateway.scheduler.reviewLetters.send(now: world.round.at("2020-09-11 12:00"), force: true)
        #expect(try world.letters().allSatisfy { $0.parsed.attachments.isEmpty }, "no letter carries it")
        #expect(try world.installation.store.read { try $0.status() }.documents == 0, "it is not kept as a document")
    }

    @Test func theSameBytesTwiceInOnePollAreHandledOnce() throws {
        let world = try HostileWorld()
        let raw = try world.fixture("same-bytes-twice.eml")
        try world.installation.deliver(raw, name: "1.first")
        try world.installation.deliver(raw, name: "2.second")
        let report = try world.gateway.intake.poll(source: try world.installation.inbox, now: world.round.at("2020-09-11 11:00"))
        #expect(report.applied == 1 && report.duplicates == 1)
        #expect(try world.round.values(HostileWorld.inn)["1.5"]?.history?.isEmpty == true, "one version")
        let receipts = try world.letters().filter { $0.parsed.subject.hasPrefix("Квитанция") }
        #expect(receipts.count == 1, "one receipt: \(receipts.map { $0.parsed.text })")
    }

    @Test func controlCharactersNeitherCutANameNorReachAReceipt() throws {
        let world = try HostileWorld()
        _ = try world.ingest("name-with-nul.eml")
        let contact = try #require(try world.installation.store.read { try $0.contact(email: Self.school) })
        #expect(contact.contact.personName == "Иванова Анна Петровна")
        let receipt = try #require(try world.letters().first { $0.parsed.recipients == [Self.school] }).parsed.text
        #expect(receipt.contains("«1.5: 7 [2J»"))
        #expect(!receipt.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func aHugeBadLineIsQuotedShort() throws {
        let world = try HostileWorld()
        let raw = "From: \(Self.school)\r\nTo: \(world.round.replyTo[Self.school]!)\r\nSubject: Re\r\nMessage-ID: <huge@x.test>\r\n\r\n1.5: "
            + String(repeating: "9", count: 2_000_000) + "x\r\n"
        _ = try world.gateway.intake.ingest(Array(raw.utf8), source: "t", now: world.round.at("2020-09-11 10:00"))
        let receipt = try #require(try world.letters().first { $0.parsed.recipients == [Self.school] })
        #expect(receipt.raw.count < 30_000, "a receipt of \(receipt.raw.count) bytes")
        #expect(receipt.parsed.text.contains("«1.5: 99999"))
    }

    @Test func aHugeMessageIDIsNotAnswered() throws {
        let world = try HostileWorld()
        _ = try world.ingest("long-message-id.eml")
        let receipt = try #require(try world.letters().first { $0.parsed.recipients == [Self.school] })
        #expect(receipt.parsed.inReplyTo == nil)
        let lines = String(decoding: receipt.raw, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
    }

    @Test func twoThousandStrangersKeepTheReviewLetterSmall() throws {
        let world = try HostileWorld()
        let template = String(decoding: try world.fixture("subject-terminal-escapes.eml"), as: UTF8.self)
        for index in 0..<2000 {
            try world.installation.deliver(
                template.replacingOccurrences(of: "subject-escapes@", with: "s\(index)@"), name: String(format: "%05d.stranger", index))
        }
        _ = try world.gateway.intake.poll(source: try world.installation.inbox, now: world.round.at("2020-09-11 11:00"))
        _ = try world.gateway.scheduler.reviewLetters.send(now: world.round.at("2020-09-11 12:00"), force: true)
        let review = try #require(try world.letters().first { $0.parsed.recipients == [HostileWorld.operator1] })
        #expect(review.raw.count < 64 * 1024, "a review letter of \(review.raw.count) bytes")
        #expect(review.parsed.text.contains("КАРАНТИН — не принятые сообщения: 2000"))
        #expect(review.parsed.text.contains("Последние 20 (остальные 1980"))
    }
}
