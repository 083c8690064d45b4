import Foundation

/// The loopback Postfix and Dovecot that `make test` starts (scripts/mailstack.sh): SMTP on
/// 14025, IMAP on 14143, every test address a mailbox with the password `secret`.
enum MailStack {
    static let smtp = "smtp://127.0.0.1:14025"
    static let imap = "imap://127.0.0.1:14143"
    /// scripts/mailstack.sh's state directory: Postfix's configuration, queue and log.
    static let directory = "/tmp/indigate-mailstack"

    /// A gateway address of its own for each test, so parallel tests never share a mailbox.
    static func freshGateway() -> String {
        "monitoring-" + UUID().uuidString.prefix(8).lowercased() + "@rcokio.test"
    }

    /// A password file holding `secret`.
    static func passwordFile(in directory: String) throws -> String {
        let path = directory + "/imap.password"
        try "secret\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Endpoint YAML for a TestInstallation.
    static func endpoints(gateway: String, directory: String) throws -> (inbound: String, outbound: String) {
        let password = try passwordFile(in: directory)
        return (
            "{ kind: imap, url: \"\(imap)\", username: \"\(gateway)\", password_file: \(password), starttls: off, folder: INBOX, processed_folder: Processed, timeout_seconds: 10 }",
            "{ kind: smtp, url: \"\(smtp)\", starttls: off, helo: indigate.test, timeout_seconds: 10 }"
        )
    }

    /// Runs curl (the command) against the IMAP server and returns its output.
    static func curl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "--max-time", "20"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The UIDs in `folder` of `address`'s mailbox whose Message-ID is `messageID`.
    static func search(_ address: String, messageID: String, folder: String = "INBOX") throws -> [Int] {
        let text = try curl([
            "\(imap)/\(folder)", "-u", "\(address):secret", "-X", "UID SEARCH HEADER Message-ID \"<\(messageID)>\"",
        ])
        return text.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("* SEARCH") }
            .flatMap { $0.split(separator: " ").dropFirst(2).compactMap { Int($0) } }
    }

    /// Every UID in a folder.
    static func all(_ address: String, folder: String = "INBOX") throws -> [Int] {
        let text = try curl(["\(imap)/\(folder)", "-u", "\(address):secret", "-X", "UID SEARCH ALL"])
        return text.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("* SEARCH") }
            .flatMap { $0.split(separator: " ").dropFirst(2).compactMap { Int($0) } }
    }

    static func fetch(_ address: String, uid: Int, folder: String = "INBOX") throws -> [UInt8] {
        Array(try curl(["\(imap)/\(folder);UID=\(uid)", "-u", "\(address):secret"]).utf8)
    }

    /// Waits until `condition` holds (mail is delivered asynchronously), at most `seconds`.
    static func wait(seconds: Double = 30, _ condition: () throws -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return try condition()
    }
}
