import Foundation
import Testing

/// The built `indigate` binary, as a newcomer and an MTA's pipe(8) run it.
@Suite struct CommandLineTests {
    func run(_ arguments: [String], stdin: [UInt8] = [], in directory: String) throws -> ProcessRunner.Run {
        try ProcessRunner.run(arguments, stdin: stdin, in: directory)
    }

    /// The commands people type, parsed and run in-process.
    @Test func theMonthCycleFromTheCommandLine() throws {
        let installation = try TestInstallation()
        let dir = installation.directory
        let config = ["--config", dir + "/indigate.yaml"]
        let opening = ["--now", "2020-09-10T10:00:00+05:00"]

        var result = CommandRunner.run(["init"] + config)
        #expect(result.exitCode == 0, "\(result.error ?? "")")
        #expect(result.output.contains("\"organizations\" : 50"))
        #expect(CommandRunner.run(["init"] + config).exitCode == 0, "init is idempotent")

        result = CommandRunner.run(["round", "open", "--month", "2020-09", "--deadline", "2020-09-25"] + config + opening)
        #expect(result.exitCode == 0, "\(result.error ?? "")")
        #expect(result.output.contains("\"requestLetters\" : 48"))
        result = CommandRunner.run(["round", "open", "--month", "2020-09", "--deadline", "2020-09-25"] + config + opening)
        #expect(result.exitCode != 0 && result.error?.contains("already open") == true)

        #expect(CommandRunner.run(["flush"] + config + opening).output.contains("\"sent\" : 48"))
        result = CommandRunner.run(["preview", "request", "--org", "7430112855"] + config + opening)
        #expect(result.exitCode == 0)
        #expect(result.output.contains("Reply-To:") && result.output.contains("multipart/alternative"))

        let request = try #require(
            try installation.sentLetters().first { $0.parsed.recipients.contains("etkul-sosh@etkul.edu.test") })
        let reply = try TestInstallation.fixture(
            "thunderbird-top-posted-with-pdf.eml",
            ["REPLY_TO": request.parsed.replyTo[0], "IN_REPLY_TO": request.parsed.messageID ?? ""])
        try installation.deliver(reply, name: "1.reply")
        result = CommandRunner.run(["poll"] + config + ["--now", "2020-09-10T11:00:00+05:00"])
        #expect(result.output.contains("\"applied\" : 1"), "\(result.output)")

        result = CommandRunner.run(["values", "--json", "--org", "7430112855", "--round", "2020-09"] + config)
        #expect(result.output.contains("\"indicator\" : \"1.3\"") && result.output.contains("\"percent\" : 15"))
        result = CommandRunner.run(["status", "--json"] + config)
        #expect(result.output.contains("\"review\" : 3") && result.output.contains("\"saved\" : 1"))
        result = CommandRunner.run(["poll", "--now", "yesterday"] + config)
        #expect(result.exitCode != 0 && result.error?.contains("--now must be an ISO 8601") == true)
    }

    /// As an MTA's pipe(8) runs it: a message on stdin, parsed in the isolated worker, and
    /// sysexits(3) codes the MTA acts on.
    @Test func ingestFromAPipe() throws {
        let installation = try TestInstallation(isolated: true)
        let dir = installation.directory
        let config = ["--config", dir + "/indigate.yaml"]
        _ = try installation.gateway.setup.run(now: TestInstallation.date("2020-09-10T05:00:00Z"))
        _ = try installation.gateway.scheduler.rounds.open(
            month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: [],
            now: TestInstallation.date("2020-09-10T05:00:00Z"))
        _ = try installation.gateway.sender.flush(
            transport: installation.outbox, now: TestInstallation.date("2020-09-10T05:01:00Z"))
        let request = try #require(
            try installation.sentLetters().first { $0.parsed.recipients.contains("etkul-sosh@etkul.edu.test") })
        let reply = try TestInstallation.fixture(
            "thunderbird-top-posted-with-pdf.eml",
            ["REPLY_TO": request.parsed.replyTo[0], "IN_REPLY_TO": request.parsed.messageID ?? ""])
        var result = try run(["ingest"] + config + ["--now", "2020-09-10T11:00:00+05:00"], stdin: Array(reply.utf8), in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("applied"))

        result = try run(["ingest", dir + "/no-such-file"] + config, in: dir)
        #expect(result.status == 66)
        // Anything an administrator can fix keeps the message in the MTA's queue (75), never
        // bounces it: a missing configuration, a mistyped database path.
        result = try run(["ingest", "--config", dir + "/missing.yaml"], stdin: Array(reply.utf8), in: dir)
        #expect(result.status == 75)
        let mistyped = try String(contentsOfFile: dir + "/indigate.yaml", encoding: .utf8)
            .replacingOccurrences(of: "indigate.sqlite", with: "indigate.sqlte")
        try mistyped.write(toFile: dir + "/mistyped.yaml", atomically: true, encoding: .utf8)
        result = try run(["ingest", "--config", dir + "/mistyped.yaml"], stdin: Array(reply.utf8), in: dir)
        #expect(result.status == 75 && result.stderr.contains("there is no database there"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/indigate.sqlte"), "nothing but init creates a database")
    }

    /// Only `init` creates a database and only `init`, `upgrade` and `serve` migrate one; a
    /// database made by a newer binary is refused.
    @Test func theDatabaseIsCreatedAndMigratedOnlyOnPurpose() throws {
        let installation = try TestInstallation()
        let dir = installation.directory
        let mistyped = try String(contentsOfFile: dir + "/indigate.yaml", encoding: .utf8)
            .replacingOccurrences(of: "indigate.sqlite", with: "indigate.sqlte")
        try mistyped.write(toFile: dir + "/mistyped.yaml", atomically: true, encoding: .utf8)
        var result = CommandRunner.run(["status", "--config", dir + "/mistyped.yaml"])
        #expect(result.exitCode == 78 && !FileManager.default.fileExists(atPath: dir + "/indigate.sqlte"))

        let config = ["--config", dir + "/indigate.yaml"]
        // As if this binary were newer than the database: its last migration not yet applied.
        let store = installation.store
        try store.write { tx in try tx.forgetMigration("v7-preview") }
        result = CommandRunner.run(["status"] + config)
        #expect(result.exitCode == 78)
        #expect(
            try ProcessRunner.run(["ingest"] + config, stdin: Array("From: a@b.test\r\n\r\nx\r\n".utf8), in: dir).status == 75)
        // (The schema itself is v7 already; re-running v7 on it would fail, so this checks the
        // refusal only, then marks it done again as `upgrade` would.)
        try store.write { tx in try tx.rememberMigration("v7-preview") }
        #expect(CommandRunner.run(["upgrade"] + config).exitCode == 0)
        #expect(CommandRunner.run(["status"] + config).exitCode == 0)

        try store.write { tx in try tx.rememberMigration("v99-from-the-future") }
        result = CommandRunner.run(["status"] + config)
        #expect(result.exitCode == 78)
        #expect(CommandRunner.run(["upgrade"] + config).exitCode == 78, "a newer database is not touched")
    }
}
