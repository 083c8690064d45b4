import Foundation
import IndigateCore
import IndigateStore
import Testing

@testable import IndigateApp

/// What an administrator does beside the mail: back up and restore, and the scheduler's care
/// not to mail everyone at once.
@Suite struct OperationsTests {
    static let school = HostileWorld.school

    @Test func aBackupWhileServingHoldsEverythingAndItsTokensStillWork() throws {
        let world = try HostileWorld()
        let dir = world.installation.directory
        // Rows still in the WAL: a `cp` would miss them; the backup API does not.
        for index in 0..<5 {
            let raw = "From: \(Self.school)\r\nTo: \(world.round.replyTo[Self.school]!)\r\nSubject: Re\r\nMessage-ID: <w\(index)@x.test>\r\n\r\n1.5: \(index)\r\n"
            _ = try world.gateway.intake.ingest(Array(raw.utf8), source: "t", now: world.round.at("2020-09-11 10:0\(index)"))
        }
        let before = try world.gateway.admin.status()
        let backup = dir + "/backup.indigate"
        let made = CommandRunner.run(["backup", backup, "--config", dir + "/indigate.yaml"])
        #expect(made.exitCode == 0, "\(made.error ?? "")")
        #expect(HostileInstallationTests.mode(backup) == 0o600)

        // Restored into a new place, it is the same installation: the same rows, and a reply to a
        // letter sent before the backup still counts.
        let restoredDir = dir + "/restored"
        try FileManager.default.createDirectory(atPath: restoredDir, withIntermediateDirectories: true)
        let yaml = try String(contentsOfFile: dir + "/indigate.yaml", encoding: .utf8)
            .replacingOccurrences(of: "database: \(dir)/indigate.sqlite", with: "database: \(restoredDir)/indigate.sqlite")
            .replacingOccurrences(of: "secret_file: \(dir)/secret.key", with: "secret_file: \(restoredDir)/secret.key")
        try yaml.write(toFile: restoredDir + "/indigate.yaml", atomically: true, encoding: .utf8)
        let restored = CommandRunner.run(["restore", backup, "--config", restoredDir + "/indigate.yaml"])
        #expect(restored.exitCode == 0, "\(restored.error ?? "")")
        #expect(CommandRunner.run(["restore", backup, "--config", restoredDir + "/indigate.yaml"]).exitCode != 0, "never over a database")
        var config = try ConfigLoader.load(path: restoredDir + "/indigate.yaml")
        config.transport = world.installation.config.transport
        let gateway = try Gateway(config: config, logger: world.gateway.logger)
        #expect(try gateway.admin.status() == before)
        let raw = "From: \(Self.school)\r\nTo: \(world.round.replyTo[Self.school]!)\r\nSubject: Re\r\nMessage-ID: <after@x.test>\r\n\r\n1.5: 9\r\n"
        #expect(try gateway.intake.ingest(Array(raw.utf8), source: "t", now: world.round.at("2020-09-12 10:00")) == .applied(inboundID: 7))
    }

    @Test func aRoundNeverOpensWithItsDeadlinePast() throws {
        let round = try RoundScenario()
        _ = try round.gateway.setup.run(now: round.at("2020-09-01 08:00"))
        // The daemon's first start on the 30th: September's deadline (25th) has passed.
        let tick = try round.gateway.scheduler.tick(now: round.at("2020-09-30 10:00"))
        #expect(tick.openedRound == nil && tick.digests == 0)
        #expect(try round.gateway.admin.status().rounds.isEmpty)
        #expect(throws: RoundError.self) {
            try round.gateway.scheduler.rounds.open(
                month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: [], now: round.at("2020-09-30 10:00"))
        }
    }

    @Test func aDryRunSaysWhatATickWouldSendAndSendsNothing() throws {
        let installation = try TestInstallation()
        let config = ["--config", installation.directory + "/indigate.yaml"]
        _ = CommandRunner.run(["init"] + config)
        let dry = CommandRunner.run(["tick", "--dry-run", "--now", "2020-09-10T10:00:00+05:00"] + config)
        #expect(dry.exitCode == 0, "\(dry.error ?? "")")
        #expect(dry.output.contains("would open the round 2020-09 (deadline 25.09.2020)"))
        #expect(dry.output.contains("would send 48 letters: request 48"))
        #expect(try installation.gateway.admin.status().rounds.isEmpty, "nothing happened")
        #expect(try installation.gateway.admin.status().outbox.isEmpty)
    }
}

/// What monitoring sees: `status --check` and `status --json`, `--version`.
@Suite struct MonitoringTests {
    @Test func statusCheckSaysWhenSomethingIsStale() throws {
        let installation = try TestInstallation()
        let config = ["--config", installation.directory + "/indigate.yaml"]
        _ = CommandRunner.run(["init"] + config)
        var check = CommandRunner.run(["status", "--check", "--now", "2020-09-10T10:00:00+05:00"] + config)
        #expect(check.exitCode == 2 && check.output.hasPrefix("INDIGATE CRITICAL - no poll has finished yet"))
        for pass in ["poll", "flush", "tick"] { _ = CommandRunner.run([pass, "--now", "2020-09-10T10:00:00+05:00"] + config) }
        _ = CommandRunner.run(["flush", "--now", "2020-09-10T10:00:30+05:00"] + config)
        check = CommandRunner.run(["status", "--check", "--now", "2020-09-10T10:01:00+05:00"] + config)
        #expect(check.exitCode == 0 && check.output.hasPrefix("INDIGATE OK - queued 0, quarantine 0"), "\(check.output)")
        check = CommandRunner.run(["status", "--check", "--now", "2020-09-10T11:00:00+05:00"] + config)
        #expect(check.exitCode == 2 && check.output.contains("last poll 60 min ago"))
        let json = CommandRunner.run(["status", "--json", "--now", "2020-09-10T10:01:00+05:00"] + config).output
        #expect(json.contains("\"lastPoll\"") && json.contains("\"level\" : \"ok\"") && json.contains("\"version\""))
        #expect(CommandRunner.run(["--version"]).error?.contains(IndigateVersion.current) == true)
    }
}

/// The listings an administrator reads: a header, times in the region's zone, the next attempt
/// of a letter, and a sentence when there is nothing to list.
@Suite struct ListingTests {
    @Test func outboxAndQuarantineListingsHaveHeadersTimesAndSayWhenEmpty() throws {
        let world = try HostileWorld()
        let config = world.installation.directory + "/indigate.yaml"
        #expect(CommandRunner.run(["quarantine", "list", "--config", config]).output == "no open quarantine entries\n")
        #expect(CommandRunner.run(["outbox", "list", "--state", "failed", "--config", config]).output == "no failed letters\n")

        _ = try world.ingest("from-two-at-signs.eml")
        let quarantine = CommandRunner.run(["quarantine", "list", "--config", config]).output.split(separator: "\n")
        #expect(quarantine.count == 2)
        #expect(quarantine[0].hasPrefix("ENTRY  SINCE             REASON"))
        #expect(quarantine[1].hasPrefix("1      2020-09-11 ") && quarantine[1].contains("from-mismatch") && quarantine[1].contains("open"))

        let waiting = CommandRunner.run(["outbox", "list", "--config", config]).output.split(separator: "\n")
        #expect(waiting[0].hasPrefix("ID") && waiting[0].contains("NEXT ATTEMPT"))
        #expect(waiting.count > 1 && waiting.dropFirst().allSatisfy { $0.contains(" queued ") && $0.contains(" 2020-09-") })
    }
}
