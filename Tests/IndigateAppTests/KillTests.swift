import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import IndigateTransport
import Testing

@testable import IndigateApp

/// The daemon under a busy cycle — hundreds of replies in its IMAP inbox, hundreds of letters in
/// its outbox, real Postfix and Dovecot — killed with SIGKILL at random moments and restarted.
/// Afterwards every reply is recorded exactly once, no value version is duplicated, every
/// letter reached its mailbox, and the duplicates at the server are counted: only the window
/// between the server's 250 and the commit of its result can make one, so at most
/// `Sender.duplicateWindow` per kill (results are committed in small groups, and
/// `outbox.connections` sessions send side by side).
/// `INDIGATE_KILL_TRIALS` sets the number of kills (50 in `make test`; scripts/soak.sh runs more).
@Suite(SystemTests.needs("the loopback Postfix and Dovecot")) struct KillTests {
    static let trials = Int(ProcessInfo.processInfo.environment["INDIGATE_KILL_TRIALS"] ?? "") ?? 50
    static let repliesPerRespondent = 5
    static let dovecotMail = "/tmp/indigate-mailstack/mail"

    @Test func killedAtRandomItLosesNothingAndDoublesNothing() throws {
        let gatewayAddress = MailStack.freshGateway()
        let directory = ScratchFolders.path("indigate-kill")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let (inbound, outbound) = try MailStack.endpoints(gateway: gatewayAddress, directory: directory)
        let installation = try TestInstallation(
            isolated: true, inbound: inbound, outbound: outbound, gatewayAddress: gatewayAddress)
        let gateway = installation.gateway
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try gateway.setup.run(now: now)
        _ = try gateway.scheduler.rounds.open(
            month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: ["1", "2", "3"], now: now)

        // Hundreds of replies, each a different message with one value per line.
        let requests = try gateway.testStore.read { try $0.letters(purpose: .request) }
        var replies: [OutboundMessage] = []
        for request in requests {
            let parsed = try MessageParser().parse(request.raw)
            for n in 0..<Self.repliesPerRespondent {
                let raw = [
                    "From: \(request.recipient)", "To: \(parsed.replyTo[0])", "Subject: Re: данные \(n)",
                    "Message-ID: <kill-\(n)-\(UUID().uuidString)@school.test>", "Content-Type: text/plain; charset=utf-8", "",
                    "3.1: \(100 + n)", "2.1: \(10 + n)", "",
                ].joined(separator: "\r\n")
                replies.append(
                    OutboundMessage(
                        id: Int64(replies.count), envelopeFrom: request.recipient, recipient: parsed.replyTo[0],
                        raw: Array(raw.utf8)))
            }
        }
        let submitted = SMTPTransport(settings: .init(url: MailStack.smtp, startTLS: "off", helo: "school.test")).send(replies)
        #expect(submitted.allSatisfy { $0 == .sent })
        #expect(try MailStack.wait(seconds: 120) { try MailStack.all(gatewayAddress).count == replies.count })

        // Kill it again and again.
        let arguments = ["serve", "--config", installation.directory + "/indigate.yaml", "--now", "2020-09-11T10:00:00+05:00"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<Self.trials {
            let daemon = try Self.start(arguments, directory: installation.directory)
            Thread.sleep(forTimeInterval: Double.random(in: 0.15...1.5, using: &generator))
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
        }

        // Let it finish, then stop it with SIGTERM.
        let daemon = try Self.start(arguments, directory: installation.directory)
        let finished = try MailStack.wait(seconds: 300) {
            let status = try gateway.admin.status()
            return try MailStack.all(gatewayAddress).isEmpty && status.inbound["pending"] == nil
                && (status.outbox["queued"] ?? 0) + (status.outbox["sending"] ?? 0) + (status.outbox["deferred"] ?? 0) == 0
        }
        #expect(finished)
        let stopAsked = Date()
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        let stopSeconds = Date().timeIntervalSince(stopAsked)
        #expect(stopSeconds < 10, "SIGTERM: the message in hand is finished and the daemon stops")

        // Every reply recorded once, every value once.
        let status = try gateway.admin.status()
        let quarantined = try installation.gateway.admin.quarantineEntries(all: true).map { "\($0.reason): \($0.detail ?? "")" }
        #expect(status.inbound == ["applied": replies.count], "quarantined: \(quarantined)")
        let values = try gateway.admin.values(inn: nil, month: "2020-09")
        let versions = values.reduce(0) { $0 + 1 + ($1.history?.count ?? 0) }
        #expect(versions == replies.count, "one value per reply (3.1 for schools, 2.1 for МОУО)")

        // Every letter at the server; duplicates only from the unavoidable window.
        let rows = try gateway.testStore.read { try $0.outboxRows(state: nil) }.map(\.row)
        #expect(rows.allSatisfy { $0.state == .sent })
        var duplicates = 0
        var missing = 0
        let ids = Dictionary(grouping: rows) { $0.recipient }
        for (recipient, letters) in ids {
            let counts = Self.messageIDCounts(mailbox: recipient)
            for letter in letters {
                let id = try MessageParser().parse(letter.raw).messageID ?? ""
                let count = counts[id, default: 0]
                if count == 0 { missing += 1 }
                duplicates += max(0, count - 1)
            }
        }
        #expect(missing == 0, "every letter reached the server")
        let window = Sender.duplicateWindow(connections: installation.config.outbox.effectiveConnections)
        #expect(duplicates <= Self.trials * window, "at most the results not yet committed per kill")
        let report =
            "kill test: \(Self.trials) kills, \(replies.count) replies, \(rows.count) letters, "
            + "\(duplicates) duplicates at the server (at most \(window) a kill), "
            + "SIGTERM stop \(String(format: "%.2f", stopSeconds)) s"
        print(report)
        try report.write(
            toFile: FileManager.default.temporaryDirectory.path + "/indigate-kill-report.txt", atomically: true, encoding: .utf8)
    }

    static func start(_ arguments: [String], directory: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: IsolatedParserTests.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }

    /// Message-IDs in a Dovecot Maildir (every folder), read from the files: how many copies
    /// of each the server delivered.
    static func messageIDCounts(mailbox: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        let root = dovecotMail + "/" + mailbox
        guard let walker = FileManager.default.enumerator(atPath: root) else { return counts }
        for case let path as String in walker
        where path.contains("/new/") || path.contains("/cur/") || path.hasPrefix("new/") || path.hasPrefix("cur/") {
            guard let data = FileManager.default.contents(atPath: root + "/" + path) else { continue }
            let head = String(decoding: data.prefix(8192), as: UTF8.self)
            for line in head.split(whereSeparator: \.isNewline) where line.lowercased().hasPrefix("message-id:") {
                let value = line.dropFirst("message-id:".count).trimmingCharacters(in: .whitespaces)
                counts[value.trimmingCharacters(in: ["<", ">"]), default: 0] += 1
                break
            }
        }
        return counts
    }
}
