import Crypto
import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import Testing

@testable import IndigateApp

/// Messages that must not get in. Each is asserted to record no value and to answer nobody
/// but, where the brief says so, the registered contact.
@Suite struct SpoofSuiteTests {
    static let school = "etkul-sosh@etkul.edu.test"
    static let otherSchool = "koelga-sosh@etkul.edu.test"
    static let coordinator = "uo-coord@etkul.edu.test"
    static let operatorAddress = "operator1@rcokio.test"

    /// An installation with September's round open and its request letters sent.
    struct World {
        let installation: TestInstallation
        let gateway: Gateway
        let now = TestInstallation.date("2020-09-10T06:00:00Z")
        var requestReplyTo: [String: String] = [:]
        var requestMessageID: [String: String] = [:]

        init() throws {
            installation = try TestInstallation()
            gateway = installation.gateway
            _ = try gateway.setup.run(now: now)
            _ = try gateway.scheduler.rounds.open(
                month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: [], now: now)
            _ = try gateway.sender.flush(transport: installation.outbox, now: now)
            for letter in try installation.sentLetters() {
                requestReplyTo[letter.parsed.recipients[0]] = letter.parsed.replyTo[0]
                requestMessageID[letter.parsed.recipients[0]] = letter.parsed.messageID
            }
        }

        func token(for email: String, purpose: TokenPurpose, subject: Int64 = 1, expiryOffsetDays: Int = 120) throws -> String {
            let contact = try #require(try gateway.testStore.read { try $0.contact(email: email) })
            let generation = try gateway.testStore.read { try $0.tokenGeneration(contactID: contact.id) } ?? 0
            let token = ReplyToken(
                contactID: contact.id, purpose: purpose, subjectID: subject,
                expiryDay: ReplyToken.day(of: now) + expiryOffsetDays)
            return "monitoring+\(token.encoded(secret: try installation.secret, generation: generation))@rcokio.test"
        }

        func message(
            from: String, to: String, subject: String = "Re: Мониторинг", headers: [String] = [],
            body: String = "1.5: 7\n3.1: 120", messageID: String = UUID().uuidString
        ) -> [UInt8] {
            let lines =
                [
                    "From: \(from)", "To: \(to)", "Subject: \(subject)", "Message-ID: <\(messageID)@spoof.test>",
                    "Date: Thu, 10 Sep 2020 11:00:00 +0500", "MIME-Version: 1.0",
                    "Content-Type: text/plain; charset=utf-8",
                ] + headers + ["", body]
            return Array(lines.joined(separator: "\r\n").utf8)
        }

        func ingest(_ raw: [UInt8]) throws -> MessageOutcome {
            try gateway.intake.ingest(raw, source: "spoof", now: now)
        }

        var valueCount: Int { get throws { try gateway.admin.status().values.values.reduce(0, +) } }
        /// Letters queued since the request letters went out (all of those were sent).
        var queued: [(purpose: LetterPurpose, recipient: String, raw: [UInt8])] {
            get throws { try gateway.testStore.read { try $0.letters() }.filter { $0.purpose != .request } }
        }
    }

    static func reason(_ outcome: MessageOutcome) -> String? {
        switch outcome {
        case .quarantined(_, _, let reason): reason.rawValue
        case .ignored(_, let reason): reason.description
        default: nil
        }
    }

    // MARK: - Tokens and senders

    @Test func forgedFromWithAValidTokenIsRefusedAndTheRealContactIsTold() throws {
        let world = try World()
        let outcome = try world.ingest(world.message(from: "attacker@evil.test", to: world.requestReplyTo[Self.school]!))
        #expect(Self.reason(outcome) == "from-mismatch")
        #expect(try world.valueCount == 0)
        let letters = try world.queued
        #expect(letters.map(\.recipient) == [Self.school], "told the registered address, not the forger")
        #expect(letters.first?.purpose == .refusal)
        // A second forgery the same day: quarantined, but no second notice.
        _ = try world.ingest(world.message(from: "attacker@evil.test", to: world.requestReplyTo[Self.school]!))
        #expect(try world.queued.count == 1)
        #expect(try world.gateway.admin.status().quarantine == 2)
    }

    @Test func anotherSchoolsTokenIsRefused() throws {
        let world = try World()
        let outcome = try world.ingest(world.message(from: Self.otherSchool, to: world.requestReplyTo[Self.school]!))
        #expect(Self.reason(outcome) == "from-mismatch")
        #expect(try world.valueCount == 0)
        #expect(try !world.queued.contains { $0.recipient == Self.otherSchool })
    }

    @Test func twoFromAddressesAreRefused() throws {
        let world = try World()
        let outcome = try world.ingest(
            world.message(from: "\(Self.school), attacker@evil.test", to: world.requestReplyTo[Self.school]!))
        #expect(Self.reason(outcome) == "from-mismatch")
        #expect(try world.valueCount == 0)
    }

    @Test(arguments: [0, 10, 35])
    func aTokenAlteredByOneCharacterIsRefused(position: Int) throws {
        let world = try World()
        var address = Array(world.requestReplyTo[Self.school]!)
        let index = "monitoring+".count + position
        address[index] = address[index] == "a" ? "b" : "a"
        let outcome = try world.ingest(world.message(from: Self.school, to: String(address)))
        #expect(Self.reason(outcome)?.hasPrefix("token-") == true)
        #expect(try world.valueCount == 0)
        #expect(try world.queued.isEmpty)
    }

    @Test func anExpiredTokenIsRefused() throws {
        let world = try World()
        let address = try world.token(for: Self.school, purpose: .request, expiryOffsetDays: -1)
        #expect(Self.reason(try world.ingest(world.message(from: Self.school, to: address))) == "token-expired")
        #expect(try world.valueCount == 0)
    }

    @Test func aRevokedTokenIsRefusedAndANewOneWorks() throws {
        let world = try World()
        let old = world.requestReplyTo[Self.school]!
        #expect(try world.gateway.admin.revokeTokens(contact: Self.school, organization: nil, now: world.now) == 1)
        #expect(Self.reason(try world.ingest(world.message(from: Self.school, to: old))) == "token-badSignature")
        #expect(try world.valueCount == 0)
        let fresh = try world.token(for: Self.school, purpose: .request)
        #expect(try world.ingest(world.message(from: Self.school, to: fresh)) == .applied(inboundID: 2))
        #expect(try world.valueCount == 2)
    }

    @Test func revokingAnOrganisationRevokesAllItsContacts() throws {
        let world = try World()
        let mouo = try #require(try world.gateway.testStore.read { try $0.contact(email: "uo@etkul.edu.test") })
        let inn = try #require(try world.gateway.testStore.read { try $0.organization(id: mouo.organizationID) }).organization.inn
        #expect(try world.gateway.admin.revokeTokens(contact: nil, organization: inn, now: world.now) == 2)
        let outcome = try world.ingest(
            world.message(from: "uo@etkul.edu.test", to: world.requestReplyTo["uo@etkul.edu.test"]!, body: "2.1: 5"))
        #expect(Self.reason(outcome) == "token-badSignature")
    }

    @Test func aBounceTokenCannotBeUsedToReply() throws {
        let world = try World()
        let address = try world.token(for: Self.school, purpose: .bounce)
        #expect(Self.reason(try world.ingest(world.message(from: Self.school, to: address))) == "token-misused")
    }

    @Test func aTokenOfARetiredSecretWorksOnlyWithinTheGracePeriod() throws {
        let world = try World()
        let old = world.requestReplyTo[Self.school]!
        try Secret.rotate(path: world.installation.config.secretFile, now: world.now)
        let rotated = try Gateway(config: world.installation.config, logger: world.gateway.logger)
        let inGrace = try rotated.intake.ingest(
            world.message(from: Self.school, to: old), source: "t", now: world.now.addingTimeInterval(86_400))
        #expect(inGrace == .applied(inboundID: inGrace.inboundID))
        let late = world.now.addingTimeInterval(31 * 86_400)
        let outcome = try rotated.intake.ingest(world.message(from: Self.school, to: old), source: "t", now: late)
        #expect(Self.reason(outcome) == "token-badSignature")
    }

    // MARK: - Roles

    @Test func aCoordinatorCannotSubmit() throws {
        let world = try World()
        // Answering a digest, a coordinator may only ask for reports: the values are not recorded,
        // and the report that comes back says so.
        let address = try world.token(for: Self.coordinator, purpose: .digest)
        let outcome = try world.ingest(world.message(from: Self.coordinator, to: address))
        #expect(outcome == .applied(inboundID: outcome.inboundID))
        #expect(try world.valueCount == 0)
        let answer = try #require(try world.queued.first)
        #expect(answer.purpose == .digest && answer.recipient == Self.coordinator)
        #expect(try MessageParser().parse(answer.raw).text.contains("Координатор не может вносить или менять значения"))
    }

    @Test func aCoordinatorWithARequestTokenCannotSubmit() throws {
        let world = try World()
        let address = try world.token(for: Self.coordinator, purpose: .request)
        #expect(Self.reason(try world.ingest(world.message(from: Self.coordinator, to: address))) == "not-allowed")
        #expect(try world.valueCount == 0)
    }

    @Test func anOperatorCommandFromASchoolChangesNothing() throws {
        let world = try World()
        let outcome = try world.ingest(
            world.message(from: Self.school, to: world.requestReplyTo[Self.school]!, body: "ПРИНЯТЬ ВСЕ\nACCEPT 1"))
        #expect(outcome == .applied(inboundID: outcome.inboundID))
        #expect(try world.valueCount == 0)
        let receipt = try #require(try world.queued.first)
        #expect(String(decoding: receipt.raw, as: UTF8.self).contains("Subject:"))
    }

    @Test func anOperatorCommandWithoutATokenChangesNothing() throws {
        let world = try World()
        let outcome = try world.ingest(
            world.message(from: Self.operatorAddress, to: "monitoring@rcokio.test", body: "ПРИНЯТЬ ВСЕ"))
        #expect(outcome == .ignored(inboundID: outcome.inboundID, reason: .untokened))
        #expect(try world.valueCount == 0)
        #expect(try world.queued.map(\.recipient) == [Self.operatorAddress], "asked to reply to a letter")
    }

    @Test func aStrangerWithoutATokenIsQuarantined() throws {
        let world = try World()
        let outcome = try world.ingest(world.message(from: "someone@else.test", to: "monitoring@rcokio.test"))
        #expect(Self.reason(outcome) == "no-token")
        #expect(try world.queued.isEmpty)
    }

    // MARK: - Authentication-Results

    @Test func dmarcFailFromTheTrustedServerIsQuarantined() throws {
        let world = try World()
        let raw = world.message(
            from: Self.school, to: world.requestReplyTo[Self.school]!,
            headers: [
                "Authentication-Results: mx.rcokio.test; spf=pass smtp.mailfrom=etkul.edu.test; dkim=none; dmarc=fail header.from=etkul.edu.test"
            ])
        #expect(Self.reason(try world.ingest(raw)) == "dmarc-fail")
        #expect(try world.valueCount == 0)
        #expect(try world.queued.map(\.purpose) == [.refusal])
    }

    @Test func untrustedAuthenticationResultsClaimingPassDoNotOverrideTheTrustedFail() throws {
        let world = try World()
        let raw = world.message(
            from: Self.school, to: world.requestReplyTo[Self.school]!,
            headers: [
                "Authentication-Results: evil.test; dmarc=pass; spf=pass; dkim=pass",
                "Authentication-Results: mx.rcokio.test (rcokio); dmarc=fail (p=reject) header.from=etkul.edu.test",
            ])
        #expect(Self.reason(try world.ingest(raw)) == "dmarc-fail")
        #expect(try world.valueCount == 0)
    }

    @Test func untrustedAuthenticationResultsClaimingFailAreIgnored() throws {
        let world = try World()
        let raw = world.message(
            from: Self.school, to: world.requestReplyTo[Self.school]!,
            headers: ["Authentication-Results: mx.evil.test; dmarc=fail; spf=fail"])
        #expect(try world.ingest(raw) == .applied(inboundID: 1))
    }

    @Test func spfFailWithoutDKIMIsQuarantined() throws {
        let world = try World()
        let raw = world.message(
            from: Self.school, to: world.requestReplyTo[Self.school]!,
            headers: ["Authentication-Results: mx.rcokio.test; spf=fail smtp.mailfrom=etkul.edu.test; dkim=none"])
        #expect(Self.reason(try world.ingest(raw)) == "spf-fail")
        #expect(try world.valueCount == 0)
    }

    // MARK: - Loops and bounces

    @Test(arguments: [
        ("Auto-Submitted: auto-replied", "Re: Мониторинг"),
        ("Precedence: bulk", "Re: Мониторинг"),
        ("Precedence: junk", "Re: Мониторинг"),
        ("X-Autoreply: yes", "Re: Мониторинг"),
        ("X-Autorespond: yes", "Re: Мониторинг"),
        ("X-Mailer: Outlook", "Автоответ: Мониторинг"),
        ("X-Mailer: Outlook", "Automatic reply: Мониторинг"),
        ("X-Mailer: Outlook", "Out of Office: Мониторинг"),
        ("X-Mailer: Outlook", "Нет на месте"),
        ("Return-Path: <>", "Re: Мониторинг"),
        ("X-Indigate-Loop: rcokio.test", "Re: Мониторинг"),
    ])
    func autoRepliesAndLoopsAreNeverAnswered(header: String, subject: String) throws {
        let world = try World()
        let raw = world.message(from: Self.school, to: world.requestReplyTo[Self.school]!, subject: subject, headers: [header])
        let outcome = try world.ingest(raw)
        guard case .ignored(1, _) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(try world.valueCount == 0)
        #expect(try world.queued.isEmpty)
    }

    func bounce(_ world: World, to: String, status: String, action: String) -> [UInt8] {
        let lines = [
            "From: MAILER-DAEMON@mx.etkul.edu.test", "To: \(to)", "Subject: Undelivered Mail Returned to Sender",
            "Message-ID: <bounce-\(UUID().uuidString)@mx.etkul.edu.test>", "Auto-Submitted: auto-replied",
            "MIME-Version: 1.0", "Content-Type: multipart/report; report-type=delivery-status; boundary=B", "",
            "--B", "Content-Type: text/plain", "", "Your message could not be delivered.",
            "--B", "Content-Type: message/delivery-status", "",
            "Reporting-MTA: dns; mx.etkul.edu.test", "", "Final-Recipient: rfc822; \(Self.school)",
            "Action: \(action)", "Status: \(status)", "Diagnostic-Code: smtp; 550 5.1.1 no such user",
            "--B--",
        ]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    func verpAddress(_ world: World) throws -> (address: String, letterID: Int64) {
        let row = try #require(try world.gateway.testStore.read { try $0.outboxRows(recipient: Self.school) }.first)
        return (row.envelopeFrom, row.letterID)
    }

    @Test func aPermanentBounceMarksTheAddressFailingAndTheLetterFailed() throws {
        let world = try World()
        let (verp, _) = try verpAddress(world)
        #expect(verp.hasPrefix("bounces+") && verp.hasSuffix("@rcokio.test"))
        let outcome = try world.ingest(bounce(world, to: verp, status: "5.1.1", action: "failed"))
        #expect(Self.reason(outcome) == "bounce 5.1.1")
        let contact = try #require(try world.gateway.testStore.read { try $0.contact(email: Self.school) })
        #expect(contact.failing)
        #expect(try world.gateway.admin.status().outbox["failed"] == 1)
        #expect(try world.queued.isEmpty)
    }

    @Test func aTemporaryBounceIsOnlyCounted() throws {
        let world = try World()
        let (verp, _) = try verpAddress(world)
        _ = try world.ingest(bounce(world, to: verp, status: "4.2.2", action: "delayed"))
        let contact = try #require(try world.gateway.testStore.read { try $0.contact(email: Self.school) })
        #expect(!contact.failing)
        #expect(try world.gateway.admin.status().outbox["failed"] == nil)
    }

    @Test func aReplyToTheBounceAddressIsNotAnswered() throws {
        let world = try World()
        let (verp, _) = try verpAddress(world)
        let outcome = try world.ingest(world.message(from: Self.school, to: verp, subject: "Re: your message"))
        #expect(Self.reason(outcome) == "mail to the bounce address that is not a delivery report")
        #expect(try world.queued.isEmpty)
    }

    @Test func aForgedBounceTokenChangesNothing() throws {
        let world = try World()
        let outcome = try world.ingest(
            bounce(world, to: "bounces+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@rcokio.test", status: "5.1.1", action: "failed"))
        #expect(Self.reason(outcome) == "bounce with an invalid VERP token")
        #expect(try !(world.gateway.testStore.read { try $0.contact(email: Self.school) }?.failing ?? true))
    }

    @Test func aReplayedMessageIDIsIgnored() throws {
        let world = try World()
        let first = world.message(from: Self.school, to: world.requestReplyTo[Self.school]!, messageID: "same")
        let replay = world.message(from: Self.school, to: world.requestReplyTo[Self.school]!, body: "1.5: 999", messageID: "same")
        #expect(try world.ingest(first) == .applied(inboundID: 1))
        #expect(Self.reason(try world.ingest(replay)) == "duplicate Message-ID")
        #expect(try world.gateway.admin.values(inn: "7430112855", month: "2020-09").first { $0.indicator == "1.5" }?.number == 7)
    }

    // MARK: - Operators' way out

    @Test func anOperatorCanReleaseARefusedMessage() throws {
        let world = try World()
        // The clerk wrote from a personal address the region had not registered.
        _ = try world.ingest(world.message(from: "anna.personal@mail.test", to: world.requestReplyTo[Self.school]!))
        let entry = try #require(try world.gateway.admin.quarantineEntries(all: false).first)
        #expect(entry.reason == "from-mismatch")
        let outcome = try world.gateway.admin.releaseQuarantine(id: entry.id, by: "test", now: world.now)
        #expect(outcome == .applied(inboundID: entry.inboundID))
        #expect(try world.valueCount == 2)
        #expect(try world.gateway.admin.quarantineEntries(all: false).isEmpty)
        #expect(throws: AdminError.self) { try world.gateway.admin.releaseQuarantine(id: entry.id, by: "test", now: world.now) }
    }

    @Test func aStrangersMessageCannotBeReleasedButCanBeDropped() throws {
        let world = try World()
        _ = try world.ingest(world.message(from: "someone@else.test", to: "monitoring@rcokio.test"))
        let entry = try #require(try world.gateway.admin.quarantineEntries(all: false).first)
        // Released, it goes back to intake as a message of its own; nobody is behind it, so it
        // comes back to the same entry.
        let outcome = try world.gateway.admin.releaseQuarantine(id: entry.id, by: "test", now: world.now)
        #expect(outcome == .quarantined(inboundID: entry.inboundID, entry: entry.id, reason: .noToken))
        #expect(try world.gateway.admin.quarantineEntries(all: false).map(\.id) == [entry.id])
        #expect(try world.valueCount == 0)
        try world.gateway.admin.dropQuarantine(id: entry.id, by: "test", now: world.now)
        #expect(throws: AdminError.self) { try world.gateway.admin.dropQuarantine(id: entry.id, by: "test", now: world.now) }
        #expect(try world.gateway.admin.quarantineEntries(all: false).isEmpty)
        #expect(try world.gateway.admin.quarantineEntries(all: true).count == 1)
    }

    @Test func theSameErrorsAreAnsweredOnceADay() throws {
        let world = try World()
        let address = world.requestReplyTo[Self.school]!
        _ = try world.ingest(world.message(from: Self.school, to: address, body: "Спасибо, получили"))
        _ = try world.ingest(world.message(from: Self.school, to: address, body: "Спасибо, получили!"))
        #expect(try world.queued.count == 1, "no values twice: one answer")
        _ = try world.ingest(world.message(from: Self.school, to: address, body: "1.4: может быть"))
        #expect(try world.queued.count == 2, "a different mistake gets its own answer")
        _ = try world.ingest(world.message(from: Self.school, to: address, body: "1.5: 7"))
        #expect(try world.queued.count == 3, "a reply that records something is always answered")
        #expect(try world.gateway.admin.status().inbound == ["applied": 4])
    }

    @Test func aFloodOfRepliesGetsAtMostTheHourlyNumberOfReceipts() throws {
        let world = try World()
        for index in 0..<25 {
            _ = try world.ingest(
                world.message(from: Self.school, to: world.requestReplyTo[Self.school]!, body: "3.1: \(100 + index)"))
        }
        #expect(try world.queued.count == 20)
        #expect(
            try world.gateway.admin.values(inn: "7430112855", month: "2020-09").first?.history?.count == 24,
            "every value recorded")
    }
}
