import Foundation
import IndigateApp
import IndigateCore
import IndigateMIME
import IndigateTransport
import Logging

/// A throw-away installation: the repository's catalogue, organisations and templates, with a
/// database, secret and Maildirs in a fresh temporary directory.
struct TestInstallation {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures"

    let directory: String
    let config: IndigateConfig
    let gateway: Gateway

    init(
        isolated: Bool = false, documentBytes: Int = 20_971_520, reviewBatch: String = "immediate",
        inbound: String? = nil, outbound: String? = nil, gatewayAddress: String = "monitoring@rcokio.test",
        databaseDirectory: String? = nil, messageBytes: Int = 52_428_800, pollSeconds: Int = 1,
        groupsByMonth: String? = nil
    ) throws {
        directory = ScratchFolders.path("indigate-test")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let yaml = """
            region: "Челябинская область"
            timezone: "+05:00"
            database: \(databaseDirectory ?? directory)/indigate.sqlite
            secret_file: \(directory)/secret.key
            gateway:
              address: \(gatewayAddress)
              name: "Мониторинг нацпроекта «Образование»"
              helpdesk: "РЦОКИО, 8 (351) 217-40-44"
            catalogue: \(Self.repository)/config/indicators.yaml
            organizations: \(Self.repository)/config/organizations.csv
            templates: \(Self.repository)/mailtemplates
            transport:
              inbound: \(inbound ?? "{ kind: maildir, path: \(directory)/inbox }")
              outbound: \(outbound ?? "{ kind: maildir, path: \(directory)/outbox }")
            schedule: { open_day: 10, deadline_day: 25, next_data_day: 30, groups: ["1", "2", "3"], poll_seconds: \(pollSeconds)\(groupsByMonth.map { ", groups_by_month: \($0)" } ?? "") }
            tokens: { lifetime_days: 120, rotation_grace_days: 30 }
            review: { batch: \(reviewBatch), daily_hour: 9 }
            outbox: { min_backoff_seconds: 300, max_backoff_seconds: 3600, max_age_days: 5 }
            digests: { weekday: 1, hour: 9, after_deadline: true }
            reminders: { days_before: [3], on_deadline: true, after_rejection_days: 3, hour: 9 }
            limits: { message_bytes: \(messageBytes), document_bytes: \(documentBytes), batch: 50, letters_per_recipient_per_hour: 20 }
            security: { trusted_authserv_ids: ["mx.rcokio.test"], quarantine_spf_fail: true, answer_untokened: true }
            parser: { isolated: \(isolated), memory_mb: 2048, timeout_seconds: 10 }
            """
        try yaml.write(toFile: directory + "/indigate.yaml", atomically: true, encoding: .utf8)
        config = try ConfigLoader.load(path: directory + "/indigate.yaml")
        var logger = Logger(label: "indigate.test")
        logger.logLevel = .critical
        gateway = try Gateway(config: config, logger: logger, access: .create)
    }

    var inbox: MaildirInbox { get throws { try MaildirInbox(path: config.transport.inbound.path ?? "") } }
    var outbox: MaildirOutbox { get throws { try MaildirOutbox(path: config.transport.outbound.path ?? "") } }

    /// Letters written to the outbox Maildir, by file name order, parsed.
    func sentLetters() throws -> [(name: String, raw: [UInt8], parsed: ParsedMessage)] {
        let maildir = try Maildir(path: config.transport.outbound.path ?? "")
        return try maildir.newMessages().map { name in
            let raw = try maildir.read(newMessage: name)
            return (name, raw, try MessageParser().parse(raw))
        }
    }

    /// Drops a message into the inbox Maildir's `new`, as an MTA would.
    func deliver(_ text: String, name: String) throws {
        try deliver(Array(text.utf8), name: name)
    }

    func deliver(_ bytes: [UInt8], name: String) throws {
        let maildir = try Maildir(path: config.transport.inbound.path ?? "")
        try maildir.deliver(bytes, name: name)
    }

    /// A fixture with `{{KEY}}` placeholders replaced and CRLF line ends. Works on bytes: a
    /// fixture may be in any charset (windows-1251, KOI8-R).
    static func fixtureBytes(_ name: String, _ values: [String: String] = [:]) throws -> [UInt8] {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + name)))
        for (key, value) in values { bytes = replacing(Array("{{\(key)}}".utf8), with: Array(value.utf8), in: bytes) }
        var crlf: [UInt8] = []
        crlf.reserveCapacity(bytes.count + bytes.count / 20)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) { crlf.append(0x0D) }
            crlf.append(byte)
        }
        return crlf
    }

    /// A real PDF from IndigatePDFTests' fixtures (made with qpdf; see their README).
    static func pdf(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: repository + "/Tests/IndigatePDFTests/Fixtures/" + name)))
    }

    /// A UTF-8 fixture as text (see `fixtureBytes`).
    static func fixture(_ name: String, _ values: [String: String] = [:]) throws -> String {
        String(decoding: try fixtureBytes(name, values), as: UTF8.self)
    }

    static func replacing(_ needle: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == needle[0], bytes[index...].starts(with: needle) {
                result += replacement
                index += needle.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }
}

/// Golden files: the expected text lives in Fixtures/golden; set INDIGATE_UPDATE_GOLDEN=1 to
/// rewrite them from the current output (then review the diff like code). A mismatch prints
/// the diff (`diff -u` of the golden against what was rendered).
enum Golden {
    static func check(_ actual: String, _ name: String) throws -> Bool {
        let path = TestInstallation.fixtures + "/golden/" + name
        if ProcessInfo.processInfo.environment["INDIGATE_UPDATE_GOLDEN"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return true
        }
        let expected = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        guard expected != actual else { return true }
        let rendered = FileManager.default.temporaryDirectory.path + "/golden-" + UUID().uuidString + "-" + name
        try actual.write(toFile: rendered, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: rendered) }
        let diff = Process()
        diff.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        diff.arguments = ["-u", path, rendered]
        let output = Pipe()
        diff.standardOutput = output
        try diff.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        diff.waitUntilExit()
        print("golden \(name) differs:\n\(text)")
        return false
    }
}
