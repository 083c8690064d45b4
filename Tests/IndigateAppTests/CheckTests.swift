import Foundation
import IndigateCore
import IndigateTransport
import Testing

@testable import IndigateApp

/// `indigate check` and `indigate config show` on the shipped configuration and on broken ones:
/// unknown keys and YAML errors with their line, every template rendered on sample data, files
/// and their modes.
@Suite struct CheckTests {
    /// A copy of the repository's installation (config/, mailtemplates/) in a folder of its own.
    static func shipped() throws -> String {
        let directory = ScratchFolders.path("indigate-check")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for item in ["config", "mailtemplates"] {
            try FileManager.default.copyItem(atPath: TestInstallation.repository + "/" + item, toPath: directory + "/" + item)
        }
        return directory
    }

    static func check(_ directory: String, offline: Bool = true) -> CommandRunner.Result {
        CommandRunner.run(["check", "--config", directory + "/config/indigate.yaml"] + (offline ? ["--offline"] : []))
    }

    static func edit(_ path: String, _ change: (String) -> String) throws {
        try change(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func theShippedInstallationPassesOnceInitialised() throws {
        let directory = try Self.shipped()
        let before = Self.check(directory)
        #expect(
            before.exitCode == 1
                && before.output.contains("error   database: \(directory)/var/indigate.sqlite: no database: run `indigate init`"))
        #expect(CommandRunner.run(["init", "--config", directory + "/config/indigate.yaml"]).exitCode == 0)
        let after = Self.check(directory)
        #expect(after.exitCode == 0, "\(after.output)")
        #expect(after.output.contains("ok      templates: 37 letter templates rendered on sample data"))
        #expect(after.output.contains("ok      organisations: 50 organisations, 48 respondents, 3 operators, 7 coordinators"))
        #expect(after.output.contains("ok      secret: \(directory)/var/secret.key: mode 600"))
        #expect(!after.output.contains("warning"), "\(after.output)")

        // The secret lost while the database lives: every token in the field is void.
        try FileManager.default.removeItem(atPath: directory + "/var/secret.key")
        #expect(
            Self.check(directory).output.contains("error   secret: \(directory)/var/secret.key: missing, so every reply token"))
    }

    /// A database moved without the folder of raw mail kept as delivered files opens, but `check`
    /// finds the messages whose bytes are gone.
    @Test func anArchiveWithoutItsKeptFilesIsAnError() throws {
        let directory = try Self.shipped()
        let config = directory + "/config/indigate.yaml"
        #expect(CommandRunner.run(["init", "--config", config]).exitCode == 0)
        let inbox = try Maildir(path: directory + "/var/mail/inbox")
        try inbox.deliver(Array("From: someone@elsewhere.test\r\nSubject: hello\r\n\r\nhello\r\n".utf8), name: "1.m")
        #expect(CommandRunner.run(["poll", "--config", config]).exitCode == 0)
        let kept = Self.check(directory)
        #expect(
            kept.output.contains("ok      archive: raw messages 1 (1 kept as delivered files), documents 0, every one present"),
            "\(kept.output)")
        try FileManager.default.removeItem(atPath: directory + "/var/indigate.sqlite-files")
        let lost = Self.check(directory)
        #expect(lost.exitCode == 1)
        #expect(
            lost.output.contains(
                "error   archive: 1 without bytes among raw messages 1 (0 kept as delivered files), documents 0 (inbound 1)"),
            "\(lost.output)")
    }

    @Test func unknownKeysAndYAMLErrorsAreNamedWithTheirLine() throws {
        let directory = try Self.shipped()
        let config = directory + "/config/indigate.yaml"
        try Self.edit(config) {
            $0.replacingOccurrences(
                of: "    path: ../var/mail/inbox", with: "    path: ../var/mail/inbox\n    pasword_file: imap.password"
            )
            .replacingOccurrences(of: "  daily_hour: 9", with: "  daily_hour: 9\n  procesed_folder: Done")
        }
        let lines = try String(contentsOfFile: config, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let typo = try #require(lines.firstIndex { $0.contains("pasword_file") }) + 1
        let second = try #require(lines.firstIndex { $0.contains("procesed_folder") }) + 1
        let unknown = Self.check(directory)
        #expect(unknown.exitCode == 1)
        #expect(
            unknown.output.contains("unknown key 'transport.inbound.pasword_file' (line \(typo)); did you mean 'password_file'?"),
            "\(unknown.output)")
        #expect(unknown.output.contains("unknown key 'review.procesed_folder' (line \(second))"))
        // Every command refuses it, not only check.
        #expect(CommandRunner.run(["status", "--config", config]).exitCode == 78)

        try Self.edit(config) { _ in "region: \"Челябинская\ntimezone: +05:00\n" }
        #expect(Self.check(directory).output.contains("not valid YAML: line 3, column 1: found unexpected end of stream"))
        try Self.edit(config) { _ in "region: a\nregion: b\n" }
        #expect(Self.check(directory).output.contains("key 'region' written twice"))
    }

    @Test func aMistypedRequiredKeyIsPointedAtAndAWrongValueQuoted() throws {
        let directory = try Self.shipped()
        let config = directory + "/config/indigate.yaml"
        try Self.edit(config) { $0.replacingOccurrences(of: "  poll_seconds: 10", with: "  poll_secods: 10") }
        #expect(Self.check(directory).output.contains("missing key 'schedule.poll_seconds'"))
        #expect(Self.check(directory).output.contains("'poll_secods' at line 45 looks like a misspelling of it"))
        try Self.edit(config) { $0.replacingOccurrences(of: "  poll_secods: 10", with: "  poll_seconds: ten") }
        #expect(
            Self.check(directory).output.contains(
                "wrong value at 'schedule.poll_seconds' (line 45): expected a whole number, found 'ten'"))
    }

    @Test func aTemplateThatSaysNothingOrDoesNotParseIsAnError() throws {
        let directory = try Self.shipped()
        #expect(CommandRunner.run(["init", "--config", directory + "/config/indigate.yaml"]).exitCode == 0)
        try "{{#nothing}}x{{/nothing}}\n".write(
            toFile: directory + "/mailtemplates/decision.subject.mustache", atomically: true, encoding: .utf8)
        let blank = Self.check(directory)
        #expect(
            blank.exitCode == 1 && blank.output.contains("error   templates: decision.subject rendered to nothing"),
            "\(blank.output)")
        try "{{#open}} never closed\n".write(
            toFile: directory + "/mailtemplates/decision.subject.mustache", atomically: true, encoding: .utf8)
        let broken = Self.check(directory)
        #expect(
            broken.exitCode == 1
                && broken.output.contains(
                    "decision.subject.mustache: not a valid Mustache template: line 2, column 1: a section {{#…}} or {{^…}} never closed"
                ))
    }

    @Test func filesOthersCanReadAreWarnedAbout() throws {
        let directory = try Self.shipped()
        #expect(CommandRunner.run(["init", "--config", directory + "/config/indigate.yaml"]).exitCode == 0)
        try "secret\n".write(toFile: directory + "/config/imap.password", atomically: true, encoding: .utf8)
        chmod(directory + "/config/imap.password", 0o644)
        try Self.edit(directory + "/config/indigate.yaml") {
            $0.replacingOccurrences(
                of: "  inbound:\n    kind: maildir\n    path: ../var/mail/inbox",
                with: "  inbound: { kind: maildir, path: ../var/mail/inbox, password_file: imap.password }")
        }
        let output = Self.check(directory).output
        #expect(
            output.contains(
                "warning password file: \(directory)/config/imap.password: mode 644, readable by others: chmod 600 (or 640 with group indigate)"
            ), "\(output)")
    }

    @Test func configShowPrintsPathsResolvedAndDefaultsFilledIn() throws {
        let directory = try Self.shipped()
        try Self.edit(directory + "/config/indigate.yaml") {
            $0.replacingOccurrences(
                of: "  outbound:\n    kind: maildir\n    path: ../var/mail/outbox",
                with: "  outbound: { kind: smtp, url: \"smtp://127.0.0.1:14025\" }")
        }
        let shown = CommandRunner.run(["config", "show", "--config", directory + "/config/indigate.yaml"])
        #expect(shown.exitCode == 0)
        #expect(shown.output.contains("database: \(directory)/var/indigate.sqlite"))
        #expect(shown.output.contains("region: Челябинская область"))
        #expect(shown.output.contains("    starttls: opportunistic\n"))
        #expect(shown.output.contains("    helo: rcokio.test\n"))
        #expect(shown.output.contains("  batch_bytes: 33554432\n"))
        // What it prints is a configuration indigate reads back the same.
        try shown.output.write(toFile: directory + "/config/shown.yaml", atomically: true, encoding: .utf8)
        let reread = try ConfigLoader.load(path: directory + "/config/shown.yaml")
        #expect(reread == (try ConfigLoader.load(path: directory + "/config/indigate.yaml")).effective)
    }
}

/// `indigate check` against the loopback Postfix and Dovecot: logged in, TLS reported, and a
/// wrong password named.
@Suite(SystemTests.needs("the loopback Postfix and Dovecot")) struct ServerCheckTests {
    static func edit(_ path: String, _ change: (String) -> String) throws { try CheckTests.edit(path, change) }

    @Test func theServersAreReachedAndLoggedInTo() throws {
        let gateway = MailStack.freshGateway()
        let directory = ScratchFolders.path("indigate-check")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let (inbound, outbound) = try MailStack.endpoints(gateway: gateway, directory: directory)
        let installation = try TestInstallation(inbound: inbound, outbound: outbound, gatewayAddress: gateway)
        let config = installation.directory + "/indigate.yaml"
        let good = CommandRunner.run(["check", "--config", config])
        #expect(good.exitCode == 0, "\(good.output)")
        #expect(
            good.output.contains(
                "ok      imap: imap://127.0.0.1:14143: no TLS (plain text), logged in as \(gateway), folder INBOX: 0 messages"))
        #expect(good.output.contains("ok      smtp: smtp://127.0.0.1:14025: no TLS (plain text), no login"))

        // Submission with AUTH: logged in, or the server's refusal.
        try Self.edit(config) {
            $0.replacingOccurrences(
                of: "outbound: { kind: smtp, url: \"smtp://127.0.0.1:14025\", starttls: off,",
                with:
                    "outbound: { kind: smtp, url: \"smtp://127.0.0.1:14587\", starttls: off, username: \(gateway), password_file: \(directory)/imap.password,"
            )
        }
        let submission = CommandRunner.run(["check", "--config", config])
        #expect(
            submission.output.contains("ok      smtp: smtp://127.0.0.1:14587: no TLS (plain text), logged in as \(gateway)"),
            "\(submission.output)")

        try "wrong\n".write(toFile: directory + "/imap.password", atomically: true, encoding: .utf8)
        let bad = CommandRunner.run(["check", "--config", config])
        #expect(bad.exitCode == 1)
        #expect(
            bad.output.contains("error   imap: imap://127.0.0.1:14143: IMAP STATUS \"INBOX\" failed: Login denied"),
            "\(bad.output)")
        #expect(bad.output.contains("error   smtp: smtp://127.0.0.1:14587: Login denied"), "\(bad.output)")
    }
}
