import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import IndigateTransport
import Testing

@testable import IndigateApp

/// The month cycle through the real servers: request letters go over SMTP to Postfix and land
/// in the schools' Dovecot mailboxes; a school's reply is submitted to Postfix by SMTP;
/// indigate fetches it over IMAP; the receipt lands in the school's mailbox and is read back
/// over IMAP.
@Suite(SystemTests.needs("the loopback Postfix and Dovecot")) struct MailServerTests {
    static let school = "etkul-sosh@etkul.edu.test"

    func installation() throws -> (TestInstallation, String) {
        let gateway = MailStack.freshGateway()
        let directory = ScratchFolders.path("indigate-mail")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let (inbound, outbound) = try MailStack.endpoints(gateway: gateway, directory: directory)
        return (try TestInstallation(inbound: inbound, outbound: outbound, gatewayAddress: gateway), gateway)
    }

    /// A reply is taken by the first poll after Dovecot has it, on a session that was already
    /// open (Dovecot's STATUS on a selected mailbox is stale until a command refreshes it), and
    /// reply → receipt in the school's mailbox is measured.
    @Test func aReplyIsTakenByTheFirstPollAfterItArrives() throws {
        let (installation, _) = try installation()
        let gateway = installation.gateway
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try gateway.setup.run(now: now)
        _ = try gateway.scheduler.rounds.open(month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: [], now: now)
        let outbound = try gateway.transports.outboundTransport()
        _ = try gateway.sender.flush(transport: outbound, now: now)
        let request = try #require(try gateway.testStore.read { try $0.outboxRows(recipient: Self.school) }.first)
        let replyTo = try MessageParser().parse(request.raw).replyTo[0]
        let source = try gateway.transports.inboundSource()
        #expect(try gateway.intake.poll(source: source, now: now).taken == 0, "the session is open and selected")

        let started = Date()
        let reply = Array("From: \(Self.school)\r\nTo: \(replyTo)\r\nSubject: Re\r\nMessage-ID: <first-poll@x.test>\r\n\r\n1.5: 7\r\n".utf8)
        #expect(SMTPTransport(settings: .init(url: MailStack.smtp, startTLS: "off", helo: "school.test"))
            .send([OutboundMessage(id: 1, envelopeFrom: Self.school, recipient: replyTo, raw: reply)]) == [.sent])
        var polls = 0
        var taken = 0
        while taken == 0, Date().timeIntervalSince(started) < 30 {
            Thread.sleep(forTimeInterval: 0.2)
            polls += 1
            taken = try gateway.intake.poll(source: source, now: now).taken
        }
        #expect(taken == 1)
        _ = try gateway.sender.flush(transport: outbound, now: now)
        let receipt = try #require(try gateway.testStore.read { try $0.outboxRows(recipient: Self.school) }.last)
        let receiptID = try #require(try MessageParser().parse(receipt.raw).messageID)
        #expect(receipt.id != request.id)
        #expect(try MailStack.wait { try !MailStack.search(Self.school, messageID: receiptID).isEmpty }, "the receipt")
        let latency = Date().timeIntervalSince(started)
        print("reply → receipt through Postfix and Dovecot: \(String(format: "%.2f", latency)) s, \(polls) polls of 0.2 s")
    }

    @Test func theMonthCycleThroughPostfixAndDovecot() throws {
        let (installation, gatewayAddress) = try installation()
        let gateway = installation.gateway
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try gateway.setup.run(now: now)
        _ = try gateway.scheduler.rounds.open(
            month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: ["1", "2", "3"], now: now)

        // 48 request letters over one SMTP connection.
        let flushed = try gateway.sender.flush(transport: try gateway.transports.outboundTransport(), now: now)
        #expect(flushed.sent == 48 && flushed.deferred == 0 && flushed.failed == 0)
        let request = try #require(try gateway.testStore.read { try $0.outboxRows(recipient: Self.school) }.first)
        let requestID = try #require(try MessageParser().parse(request.raw).messageID)
        #expect(try MailStack.wait { try !MailStack.search(Self.school, messageID: requestID).isEmpty })
        let delivered = try MessageParser().parse(
            try MailStack.fetch(Self.school, uid: try MailStack.search(Self.school, messageID: requestID)[0]))
        #expect(delivered.subject.hasPrefix("Мониторинг нацпроекта"))
        #expect(delivered.headers["return-path"]?.contains("bounces+") == true, "VERP envelope sender")
        let replyTo = try #require(delivered.replyTo.first)
        #expect(replyTo.hasPrefix(String(gatewayAddress.split(separator: "@")[0]) + "+"))

        // The school replies through Postfix.
        let reply = try TestInstallation.fixtureBytes(
            "thunderbird-top-posted-with-pdf.eml", ["REPLY_TO": replyTo, "IN_REPLY_TO": requestID])
        let submitted = SMTPTransport(settings: .init(url: MailStack.smtp, startTLS: "off", helo: "etkul.edu.test"))
            .send([OutboundMessage(id: 1, envelopeFrom: Self.school, recipient: replyTo, raw: reply)])
        #expect(submitted == [.sent])

        // indigate fetches it over IMAP, records it, moves it to Processed.
        let inbox = try gateway.transports.inboundSource()
        var report = PollReport()
        #expect(
            try MailStack.wait {
                report = try gateway.intake.poll(source: inbox, now: now.addingTimeInterval(3600))
                return report.applied == 1
            })
        #expect(try gateway.admin.values(inn: "7430112855", month: "2020-09").count == 4)
        #expect(try MailStack.all(gatewayAddress).isEmpty, "INBOX emptied")
        #expect(try MailStack.all(gatewayAddress, folder: "Processed").count == 1)
        #expect(try gateway.intake.poll(source: inbox, now: now.addingTimeInterval(3700)).taken == 0)

        // The receipt reaches the school's mailbox.
        #expect(
            try gateway.sender.flush(transport: try gateway.transports.outboundTransport(), now: now.addingTimeInterval(3600))
                .sent == 1)
        let receiptRow = try #require(try gateway.testStore.read { try $0.outboxRows(recipient: Self.school) }.last)
        let receiptID = try #require(try MessageParser().parse(receiptRow.raw).messageID)
        #expect(try MailStack.wait { try !MailStack.search(Self.school, messageID: receiptID).isEmpty })
        let receipt = try MessageParser().parse(
            try MailStack.fetch(Self.school, uid: try MailStack.search(Self.school, messageID: receiptID)[0]))
        #expect(receipt.inReplyTo == "a1b2c3d4-thunderbird@etkul.edu.test")
        #expect(receipt.text.contains("1.1: 40"))
        #expect(receipt.text.contains("«1.1 приказ.pdf» — документ к показателю 1.1"))
    }

    @Test func aMessageFetchedTwiceIsRecordedOnce() throws {
        // The crash window: the commit happened, the move to Processed did not.
        let (installation, gatewayAddress) = try installation()
        let gateway = installation.gateway
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try gateway.setup.run(now: now)
        let message = Array(
            "From: stranger@example.test\r\nTo: \(gatewayAddress)\r\nSubject: hello\r\nMessage-ID: <x1@example.test>\r\n\r\nhi\r\n"
                .utf8)
        #expect(
            SMTPTransport(settings: .init(url: MailStack.smtp, startTLS: "off", helo: "example.test"))
                .send([OutboundMessage(id: 1, envelopeFrom: "stranger@example.test", recipient: gatewayAddress, raw: message)])
                == [.sent])
        #expect(try MailStack.wait { try MailStack.all(gatewayAddress).count == 1 })
        let source = try gateway.transports.inboundSource()
        let items = try source.fetch(limit: 10, maxBytes: .max)
        #expect(items.count == 1)
        #expect(try source.fetch(limit: 10, maxBytes: .max, skipping: [items[0].handle]).isEmpty, "taken, not yet done")
        _ = try gateway.intake.ingest(items[0].raw, source: items[0].source, now: now)  // committed, not moved
        let again = try gateway.intake.poll(source: source, now: now)
        #expect(again.taken == 1 && again.duplicates == 1)
        #expect(try gateway.admin.status().inbound == ["quarantined": 1])
        #expect(try MailStack.all(gatewayAddress).isEmpty)
    }

    @Test func aChangedUIDValidityReadsTheFolderAgainWithoutDoubleHandling() throws {
        // Flag mode: handled messages stay in INBOX with indigate's keyword.
        let gatewayAddress = MailStack.freshGateway()
        let directory = ScratchFolders.path("indigate-mail")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let (inbound, outbound) = try MailStack.endpoints(gateway: gatewayAddress, directory: directory)
        let installation = try TestInstallation(
            inbound: inbound.replacingOccurrences(of: "processed_folder: Processed", with: "processed_folder: \"\""),
            outbound: outbound, gatewayAddress: gatewayAddress)
        let gateway = installation.gateway
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try gateway.setup.run(now: now)
        let smtp = SMTPTransport(settings: .init(url: MailStack.smtp, startTLS: "off", helo: "example.test"))
        func send(_ n: Int) {
            let raw = Array(
                "From: stranger@example.test\r\nTo: \(gatewayAddress)\r\nSubject: m\(n)\r\nMessage-ID: <uv\(n)-\(UUID())@example.test>\r\n\r\nhi\r\n"
                    .utf8)
            _ = smtp.send([
                OutboundMessage(id: Int64(n), envelopeFrom: "stranger@example.test", recipient: gatewayAddress, raw: raw)
            ])
        }
        send(1)
        #expect(try MailStack.wait { try MailStack.all(gatewayAddress).count == 1 })
        #expect(try gateway.intake.poll(source: try gateway.transports.inboundSource(), now: now).taken == 1)
        #expect(try MailStack.all(gatewayAddress).count == 1, "flagged, not moved")

        // The server renumbered the folder: what indigate remembers no longer applies.
        try gateway.testStore.write { try $0.saveIMAPState(folder: "INBOX", uidValidity: 1, lastUID: 0) }
        send(2)
        #expect(try MailStack.wait { try MailStack.all(gatewayAddress).count == 2 })
        let report = try gateway.intake.poll(source: try gateway.transports.inboundSource(), now: now)
        #expect(report.taken == 1, "the flagged message is not taken again")
        #expect(try gateway.admin.status().inbound == ["quarantined": 2])
        let state = try #require(try gateway.testStore.read { try $0.imapState(folder: "INBOX") })
        #expect(state.uidValidity != 1 && state.lastUID == 2)
    }

    @Test func aRefusedRecipientFailsTheLetterAndKeepsTheServersAnswer() throws {
        let transport = SMTPTransport(settings: .init(url: MailStack.smtp, startTLS: "off", helo: "indigate.test"))
        let raw = Array("From: a@rcokio.test\r\nTo: nobody@unknown.invalid\r\nSubject: x\r\n\r\nx\r\n".utf8)
        let results = transport.send([
            OutboundMessage(id: 1, envelopeFrom: "a@rcokio.test", recipient: "nobody@unknown.invalid", raw: raw),
            OutboundMessage(id: 2, envelopeFrom: "a@rcokio.test", recipient: "school5@miass.edu.test", raw: raw),
            OutboundMessage(id: 3, envelopeFrom: "a@rcokio.test", recipient: "x@y.test\r\nRCPT TO:<z@y.test>", raw: raw),
        ])
        guard case .failed(let answer) = results[0] else {
            Issue.record("\(results[0])")
            return
        }
        #expect(answer.text.contains("554") && answer.text.contains("Relay access denied"))
        #expect(results[1] == .sent, "the same connection goes on")
        #expect(results[2] == .failed(DeliveryProblem(.invalidLetter, "invalid envelope address")))
    }

    @Test func aServerThatIsDownDefersAndTheLettersGoLater() throws {
        let (installation, _) = try installation()
        let gateway = installation.gateway
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try gateway.setup.run(now: now)
        _ = try gateway.scheduler.rounds.open(
            month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: ["3"], now: now)
        let down = SMTPTransport(
            settings: .init(url: "smtp://127.0.0.1:14999", startTLS: "off", helo: "indigate.test", timeoutSeconds: 2))
        let first = try gateway.sender.flush(transport: down, now: now)
        #expect(first.sent == 0 && first.deferred == 42)
        #expect(
            try gateway.sender.flush(transport: try gateway.transports.outboundTransport(), now: now.addingTimeInterval(60)).sent
                == 0, "backing off")
        let later = try gateway.sender.flush(
            transport: try gateway.transports.outboundTransport(), now: now.addingTimeInterval(400))
        #expect(later.sent == 42)
        // Five days later a letter still deferred is given up.
        _ = try gateway.scheduler.rounds.open(
            month: "2020-10", deadline: "2020-10-25", nextDataAfter: nil, groups: ["3"], now: now)
        var moment = now
        for _ in 0..<200 where try gateway.admin.status().outbox["failed"] == nil {
            moment = moment.addingTimeInterval(3700)
            _ = try gateway.sender.flush(transport: down, now: moment)
        }
        #expect(try gateway.admin.status().outbox["failed"] == 42)
        #expect(moment.timeIntervalSince(now) > 5 * 86_400)
    }

    @Test func anIMAPServerThatIsDownIsReportedAndCaughtUpWith() throws {
        let (installation, gatewayAddress) = try installation()
        let gateway = installation.gateway
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try gateway.setup.run(now: now)
        let state = IMAPStateKeeper(store: gateway.testStore)
        let down = IMAPSource(
            settings: .init(
                url: "imap://127.0.0.1:14998", username: gatewayAddress, password: "secret", startTLS: "off", timeoutSeconds: 2),
            state: state)
        #expect(throws: TransportError.self) { try gateway.intake.poll(source: down, now: now) }
        let message = Array("From: stranger@example.test\r\nTo: \(gatewayAddress)\r\nSubject: hi\r\n\r\nhi\r\n".utf8)
        _ = SMTPTransport(settings: .init(url: MailStack.smtp, startTLS: "off", helo: "example.test"))
            .send([OutboundMessage(id: 1, envelopeFrom: "stranger@example.test", recipient: gatewayAddress, raw: message)])
        #expect(try MailStack.wait { try MailStack.all(gatewayAddress).count == 1 })
        #expect(try gateway.intake.poll(source: try gateway.transports.inboundSource(), now: now).taken == 1)
    }
}

/// SMTP AUTH against the stack's submission port (14587: AUTH required, checked by Dovecot).
@Suite(SystemTests.needs("the loopback Postfix and Dovecot")) struct SMTPAuthTests {
    static let raw = Array("From: monitoring@rcokio.test\r\nTo: school5@miass.edu.test\r\nSubject: auth\r\n\r\nx\r\n".utf8)

    @Test(arguments: ["PLAIN", "LOGIN"])
    func authenticatesAndSends(mechanism: String) {
        let transport = SMTPTransport(
            settings: .init(
                url: "smtp://127.0.0.1:14587", startTLS: "off", username: "monitoring@rcokio.test", password: "secret",
                authMechanism: mechanism, helo: "indigate.test"))
        #expect(
            transport.send([
                OutboundMessage(id: 1, envelopeFrom: "monitoring@rcokio.test", recipient: "school5@miass.edu.test", raw: Self.raw)
            ]) == [.sent])
    }

    @Test func requiredSTARTTLSRefusesAServerWithoutIt() {
        // The loopback stack offers no STARTTLS: with `required`, nothing goes in clear text.
        let transport = SMTPTransport(
            settings: .init(url: MailStack.smtp, startTLS: "required", helo: "indigate.test", timeoutSeconds: 5))
        let results = transport.send([
            OutboundMessage(id: 1, envelopeFrom: "monitoring@rcokio.test", recipient: "school5@miass.edu.test", raw: Self.raw)
        ])
        guard case .deferred = results.first else {
            Issue.record("\(results)")
            return
        }
        let imap = IMAPSource(
            settings: .init(
                url: MailStack.imap, username: "monitoring@rcokio.test", password: "secret", startTLS: "required",
                timeoutSeconds: 5),
            state: NoState())
        #expect(throws: TransportError.self) { try imap.fetch(limit: 1, maxBytes: .max) }
    }

    struct NoState: IMAPSource.StateKeeper {
        func load(folder: String) throws -> (uidValidity: UInt32, lastUID: UInt32)? { nil }
        func save(folder: String, uidValidity: UInt32, lastUID: UInt32) throws {}
    }

    @Test func aWrongPasswordDefersEverythingInsteadOfFailingIt() {
        let transport = SMTPTransport(
            settings: .init(
                url: "smtp://127.0.0.1:14587", startTLS: "off", username: "monitoring@rcokio.test", password: "wrong",
                helo: "indigate.test"))
        let results = transport.send([
            OutboundMessage(id: 1, envelopeFrom: "monitoring@rcokio.test", recipient: "school5@miass.edu.test", raw: Self.raw),
            OutboundMessage(id: 2, envelopeFrom: "monitoring@rcokio.test", recipient: "school6@miass.edu.test", raw: Self.raw),
        ])
        #expect(results.count == 2)
        #expect(results.allSatisfy { if case .deferred(let problem) = $0 { problem.kind == .loginRefused } else { false } })
    }
}
