import Foundation
import IndigateCore
import IndigateMIME
import IndigateTransport
import Testing

/// The README's pipe(8) recipe on the loopback Postfix (testing/mailstack/master.cf): a school's
/// reply to monitoring+token@pipe.test goes through Postfix's queue to `indigate ingest`, run as
/// the user indigate from Postfix's queue directory with the shipped configuration's relative
/// paths; an installation problem (a secret the user cannot read) answers 75, so Postfix keeps
/// the reply and delivers it once the problem is fixed.
@Suite(SystemTests.needs("the loopback Postfix"), .serialized) struct PipeDeliveryTests {
    static let school = "etkul-sosh@etkul.edu.test"
    static let inn = "7430112855"
    static let directory = MailStack.directory + "/pipe"

    @Test func aReplyGoesThroughPostfixsPipeIntoIngestAndATemporaryFailureIsRetried() throws {
        let logStart = Self.logSize()
        func log() throws -> String { try Self.log(from: logStart) }
        let config = try Self.install()
        let month = Self.day(0).prefix(7)
        let made = try Self.indigate(["round", "open", "--month", String(month), "--deadline", Self.day(20), "--config", config])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try Self.indigate(["flush", "--config", config]).status == 0)
        let replyTo = try Self.replyTo()
        try Self.chown(Self.directory)

        // Delivered: the value is recorded and the receipt queued, by the user indigate.
        try Self.send(from: Self.school, to: replyTo, id: "pipe-1@etkul.test", body: "1.5: 7")
        #expect(try MailStack.wait { try Self.value(month: String(month), code: "1.5") == "7" }, "\((try? log()) ?? "")")

        // The secret unreadable for the pipe's user: ingest exits 75, Postfix keeps the reply.
        chmod(Self.directory + "/var/secret.key", 0)
        try Self.send(from: Self.school, to: replyTo, id: "pipe-2@etkul.test", body: "1.5: 8")
        #expect(try MailStack.wait { try log().contains("relay=indigate") && log().contains("status=deferred") })
        #expect(try log().contains("status=deferred (temporary failure"))
        #expect(try Self.value(month: String(month), code: "1.5") == "7")

        // Fixed, and flushed: Postfix delivers it again and it counts.
        chmod(Self.directory + "/var/secret.key", 0o600)
        _ = try Self.postfix("/usr/sbin/postqueue", ["-c", MailStack.directory + "/postfix", "-f"])
        #expect(try MailStack.wait { try Self.value(month: String(month), code: "1.5") == "8" }, "\((try? log()) ?? "")")
        #expect(!(try log().contains("status=bounced")), "no reply went back to the school")
    }

    /// A fresh installation laid out as the repository ships it (config/, mailtemplates/, var/),
    /// with the gateway on pipe.test and the binary where master.cf runs it. Returns the config.
    static func install() throws -> String {
        let files = FileManager.default
        try? files.removeItem(atPath: directory)
        try files.createDirectory(atPath: directory + "/config", withIntermediateDirectories: true)
        for name in ["indicators.yaml", "organizations.csv"] {
            try files.copyItem(atPath: TestInstallation.repository + "/config/" + name, toPath: directory + "/config/" + name)
        }
        try files.copyItem(atPath: TestInstallation.repository + "/mailtemplates", toPath: directory + "/mailtemplates")
        let shipped = try String(contentsOfFile: TestInstallation.repository + "/config/indigate.yaml", encoding: .utf8)
        #expect(shipped.contains("database: ../var/indigate.sqlite") && shipped.contains("templates: ../mailtemplates"))
        try shipped.replacingOccurrences(of: "address: monitoring@rcokio.test", with: "address: monitoring@pipe.test")
            .write(toFile: directory + "/config/indigate.yaml", atomically: true, encoding: .utf8)
        // A copy, not a link: the checkout may sit in a folder the pipe's user cannot enter (a
        // clone in `mktemp -d`, mode 0700), as an installed binary never does.
        try files.copyItem(atPath: ProcessRunner.binary, toPath: directory + "/indigate")
        let config = directory + "/config/indigate.yaml"
        let initialised = try indigate(["init", "--config", config])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        return config
    }

    static func indigate(_ arguments: [String]) throws -> ProcessRunner.Run {
        try ProcessRunner.run(arguments, in: "/")
    }

    /// The Reply-To of the request letter the school got.
    static func replyTo() throws -> String {
        let outbox = directory + "/var/mail/outbox/new"
        for name in try FileManager.default.contentsOfDirectory(atPath: outbox) {
            let letter = try MessageParser().parse(Array(try Data(contentsOf: URL(fileURLWithPath: outbox + "/" + name))))
            if letter.recipients == [school], let address = letter.replyTo.first { return address }
        }
        throw CocoaError(.fileNoSuchFile)
    }

    static func chown(_ path: String) throws {
        let run = try postfix("/bin/chown", ["-R", "indigate:indigate", path])
        #expect(run == 0)
    }

    static func postfix(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func send(from: String, to: String, id: String, body: String) throws {
        let raw = "From: \(from)\r\nTo: \(to)\r\nSubject: Re\r\nMessage-ID: <\(id)>\r\n\r\n\(body)\r\n"
        let result = SMTPTransport(settings: .init(url: MailStack.smtp, startTLS: "off", helo: "etkul.test"))
            .send([OutboundMessage(id: 1, envelopeFrom: from, recipient: to, raw: Array(raw.utf8))])
        #expect(result == [.sent])
    }

    /// The value's current number as `values --json` prints it, if any.
    static func value(month: String, code: String) throws -> String? {
        let run = try indigate(["values", "--json", "--org", inn, "--round", month, "--config", directory + "/config/indigate.yaml"])
        guard run.status == 0, let data = run.stdout.data(using: .utf8),
            let rows = try JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return nil }
        return rows.first { $0["indicator"] as? String == code && $0["supersededBy"] == nil }.flatMap { $0["value"] as? String }
    }

    static let logFile = MailStack.directory + "/postfix.log"

    static func logSize() -> Int {
        (try? FileManager.default.attributesOfItem(atPath: logFile)[.size] as? Int) ?? 0
    }

    /// Postfix's log lines about pipe.test written since `offset` (this run's, not earlier runs').
    static func log(from offset: Int) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: logFile))
        return String(decoding: data.dropFirst(offset), as: UTF8.self)
            .split(separator: "\n").filter { $0.contains("pipe.test") }.joined(separator: "\n")
    }

    /// The region's date `days` from today, YYYY-MM-DD (the shipped config's +05:00).
    static func day(_ days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 5 * 3600)!
        let date = calendar.date(byAdding: .day, value: days, to: Date())!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
