import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import IndigateTransport
import Testing

@testable import IndigateApp

/// What hostile mail meets beyond a single message: file modes, entries in the inbox that are
/// not messages, messages over the size limit, memory per pass, and a message that kills the
/// daemon while it is handled.
@Suite struct HostileInstallationTests {
    static let school = HostileWorld.school

    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : nil
    }

    @Test func everythingIndigateWritesIsTheOwnersOnly() throws {
        let world = try HostileWorld()
        let config = world.installation.config
        for file in [config.database, config.database + "-wal", config.database + "-shm", config.secretFile] {
            #expect(Self.mode(file) == 0o600, "\(file)")
        }
        let letters = try FileManager.default.contentsOfDirectory(atPath: world.installation.directory + "/outbox/new")
        #expect(!letters.isEmpty && letters.allSatisfy { Self.mode(world.installation.directory + "/outbox/new/" + $0) == 0o600 })
        // A database left readable by others is made the owner's only when it is opened.
        chmod(config.database, 0o644)
        _ = try Gateway(config: config, logger: world.gateway.logger)
        #expect(Self.mode(config.database) == 0o600)
    }

    @Test func aSecretReadableByOthersOrWeakIsRefused() throws {
        let installation = try TestInstallation()
        let path = installation.config.secretFile
        chmod(path, 0o644)
        #expect(throws: ConfigError.self) { try Gateway(config: installation.config, logger: installation.gateway.logger) }
        try (String(repeating: "00", count: 32) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        let refusal = #expect(throws: ConfigError.self) {
            try Gateway(config: installation.config, logger: installation.gateway.logger)
        }
        #expect(refusal?.message.contains("weak") == true)
    }

    @Test func aSecretThatCannotBeReachedIsReportedAndNotReplaced() throws {
        let installation = try TestInstallation()
        var config = installation.config
        let blocker = installation.directory + "/not-a-folder"
        try "x".write(toFile: blocker, atomically: true, encoding: .utf8)
        config.secretFile = blocker + "/secret.key"
        let refusal = #expect(throws: ConfigError.self) { try Gateway(config: config, logger: installation.gateway.logger) }
        #expect(
            refusal?.message.contains("the secret file is unreadable (Not a directory)") == true, "\(String(describing: refusal))"
        )
        #expect(try String(contentsOfFile: blocker, encoding: .utf8) == "x")
    }

    @Test func entriesThatAreNotMessagesAreSkippedAndListed() throws {
        let world = try HostileWorld()
        let new = world.installation.directory + "/inbox/new"
        try FileManager.default.createDirectory(atPath: new + "/1.a-directory", withIntermediateDirectories: true)
        #expect(symlink("/nonexistent/target", new + "/2.dangling") == 0)
        #expect(mkfifo(new + "/3.fifo", 0o600) == 0)
        let raw =
            "From: \(Self.school)\r\nTo: \(world.round.replyTo[Self.school]!)\r\nSubject: Re\r\nMessage-ID: <ok@x.test>\r\n\r\n1.5: 7\r\n"
        try world.installation.deliver(raw, name: "4.reply")
        let inbox = try world.installation.inbox
        let report = try world.gateway.intake.poll(source: inbox, now: world.round.at("2020-09-11 11:00"))
        #expect(report.taken == 1 && report.applied == 1, "the FIFO did not block the pass: \(report)")
        #expect(Set(inbox.problems().map(\.entry)) == ["1.a-directory", "2.dangling", "3.fifo"])
        #expect(try world.gateway.intake.poll(source: inbox, now: world.round.at("2020-09-11 11:05")).taken == 0)
        let status = CommandRunner.run(["status", "--config", world.installation.directory + "/indigate.yaml"])
        #expect(
            status.output.contains(
                "inbox: 3 entries skipped: 1.a-directory (a directory), 2.dangling (a symbolic link), 3.fifo (a FIFO)"))
    }

    @Test func aPassReadsByBytesAsWellAsByCount() throws {
        let directory = ScratchFolders.path("indigate-bytes")
        let inbox = try MaildirInbox(path: directory, limits: InboundLimits(messageBytes: 1 << 20))
        for index in 0..<3 { try inbox.maildir.deliver([UInt8](repeating: 0x41, count: 100_000), name: "\(index).m") }
        #expect(try inbox.fetch(limit: 10, maxBytes: 150_000).count == 2, "the first, and one more while under the budget")
        #expect(try inbox.fetch(limit: 10, maxBytes: 1).count == 1, "always at least one")
    }

    /// The archive may keep a delivered file itself only when it was read whole and no one but
    /// its owner can read it (or write it: a link shares the file).
    @Test func onlyAWholeMessageOfItsOwnerAloneIsOfferedAsAFile() throws {
        let directory = ScratchFolders.path("indigate-kept")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inbox = try MaildirInbox(path: directory, limits: InboundLimits(messageBytes: 1 << 20))
        try inbox.maildir.deliver(Array("small".utf8), name: "1.m")
        try inbox.maildir.deliver([UInt8](repeating: 0x41, count: (1 << 20) + 1), name: "2.m")
        try inbox.maildir.deliver(Array("open".utf8), name: "3.m")
        chmod(directory + "/new/3.m", 0o640)
        let files = Dictionary(uniqueKeysWithValues: try inbox.fetch(limit: 10, maxBytes: .max).map { ($0.handle, $0.file) })
        #expect(files["1.m"]??.path == directory + "/new/1.m")
        #expect(files["2.m"] == .some(nil), "only its first part was read")
        #expect(files["3.m"] == .some(nil), "its group may read it")
    }

    /// The next batch is read before the one before is marked done: it must not hold those again.
    @Test func aFetchLeavesOutWhatIsStillBeingHandled() throws {
        let directory = ScratchFolders.path("indigate-skipping")
        let inbox = try MaildirInbox(path: directory, limits: InboundLimits(messageBytes: 1 << 20))
        for index in 0..<5 { try inbox.maildir.deliver(Array("message \(index)".utf8), name: "\(index).m") }
        let first = try inbox.fetch(limit: 2, maxBytes: .max)
        #expect(first.count == 2)
        let second = try inbox.fetch(limit: 10, maxBytes: .max, skipping: Set(first.map(\.handle)))
        #expect(second.count == 3)
        #expect(Set(second.map(\.handle)).isDisjoint(with: first.map(\.handle)))
    }

    @Test func aBatchIsReadWholeAndMarkedDoneTogether() throws {
        let directory = ScratchFolders.path("indigate-done")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inbox = try MaildirInbox(path: directory, limits: InboundLimits(messageBytes: 1 << 20))
        let bodies = (0..<3).map { index in (0..<(70_000 + index)).map { UInt8(truncatingIfNeeded: $0 * 7 + index) } }
        for (index, body) in bodies.enumerated() { try inbox.maildir.deliver(body, name: "\(index).m") }
        let items = try inbox.fetch(limit: 10, maxBytes: 1 << 20).sorted { $0.handle < $1.handle }
        #expect(items.map(\.raw) == bodies, "every byte as delivered")
        try inbox.markDone(items)
        #expect(try inbox.fetch(limit: 10, maxBytes: 1 << 20).isEmpty)
        let cur = try FileManager.default.contentsOfDirectory(atPath: directory + "/cur").sorted()
        #expect(cur == ["0.m:2,S", "1.m:2,S", "2.m:2,S"])
        try inbox.markDone(items)  // a second time (a pass that died after the moves): nothing to do
    }

    @Test func aStrangersOversizeMessageIsKeptInPartAndNotAnswered() throws {
        let world = try HostileWorld(messageBytes: 100_000)
        let raw = try world.fixture("oversize-from-stranger.eml")
        let outcome = try world.gateway.intake.ingest(
            Array(raw.prefix(InboundLimits.prefixBytes)), size: raw.count, source: "t", now: world.round.at("2020-09-11 10:00"))
        #expect(outcome == .quarantined(inboundID: outcome.inboundID, entry: 1, reason: .tooLarge))
        let stored = try #require(try world.installation.store.read { try $0.inbound(id: outcome.inboundID) })
        #expect(stored.fullSize == raw.count && stored.raw.count < PartialArchive.bodyBytes + 2_000)
        #expect(try world.letters().isEmpty, "a stranger is not answered")
        #expect(throws: AdminError.self) {
            try world.gateway.admin.releaseQuarantine(id: 1, by: "cli", now: world.round.at("2020-09-11 10:10"))
        }
    }

    @Test func aSchoolsOversizeMessageIsAnsweredAndTakenWhenTheLimitIsRaised() throws {
        let world = try HostileWorld(messageBytes: 100_000)
        let raw = try world.fixture("oversize-from-school.eml")
        let outcome = try world.gateway.intake.ingest(raw, source: "t", now: world.round.at("2020-09-11 10:00"))
        #expect(outcome == .quarantined(inboundID: outcome.inboundID, entry: 1, reason: .tooLarge))
        let letter = try #require(try world.letters().first { $0.parsed.recipients == [Self.school] })
        #expect(letter.parsed.subject == "Письмо слишком большое: 0,3 МБ")
        #expect(letter.parsed.text.contains("его размер 0,3 МБ, а система мониторинга принимает письма до 0,1 МБ"))
        #expect(try Golden.check(letter.parsed.text, "toolarge.txt"))
        // The administrator raises the limit; the same message delivered again is new, not a duplicate.
        var config = world.installation.config
        config.limits.messageBytes = 1 << 20
        let raised = try Gateway(config: config, logger: world.gateway.logger)
        #expect(
            try raised.intake.ingest(raw, source: "t", now: world.round.at("2020-09-11 11:00"))
                == .applied(inboundID: outcome.inboundID + 1))
        #expect(try world.round.values(HostileWorld.inn)["1.5"]?.number == 7)
    }

    /// A message that kills the daemon while it is handled — as a recursion did — is retried
    /// alone and set aside after three deaths of its own; the four replies beside it are handled.
    @Test func aMessageThatKillsTheDaemonTakesNothingElseWithIt() throws {
        // As deployed: the parser is isolated, so a death is the handling's, never the parse's.
        let world = try HostileWorld(isolated: true)
        let schools = [
            "koelga-sosh@etkul.edu.test", "belonosovo-sosh@etkul.edu.test", "school24@kasli.edu.test",
            "selezyan-sosh@etkul.edu.test",
        ]
        try world.installation.deliver(try world.fixture("crashes-handling.eml"), name: "0.crash")
        for (index, school) in schools.enumerated() {
            let raw =
                "From: \(school)\r\nTo: \(world.round.replyTo[school]!)\r\nSubject: Re\r\nMessage-ID: <c\(index)@x.test>\r\n\r\n3.1: \(index)\r\n"
            try world.installation.deliver(raw, name: "\(index + 1).school")
        }
        let poll = ["poll", "--config", world.installation.directory + "/indigate.yaml", "--now", "2020-09-11T11:00:00+05:00"]
        let first = try ProcessRunner.run(poll, in: world.installation.directory, environment: ["INDIGATE_FAULTS": "1"])
        #expect(first.signaled, "the batch died with the message")
        // Each suspect is now handled alone. Nothing tells them apart yet, so the first one dies
        // alone; after that, it waits for the others, who go through.
        for _ in 0..<2 {
            #expect(try ProcessRunner.run(poll, in: world.installation.directory, environment: ["INDIGATE_FAULTS": "1"]).signaled)
        }
        let inbound = try world.gateway.admin.status().inbound
        #expect(inbound == ["applied": 5, "pending": 1], "the four were handled alone, before it: \(inbound)")
        _ = try ProcessRunner.run(poll, in: world.installation.directory, environment: ["INDIGATE_FAULTS": "1"])
        let last = try ProcessRunner.run(poll, in: world.installation.directory, environment: ["INDIGATE_FAULTS": "1"])
        #expect(!last.signaled && last.status == 0, "\(last.stderr)")
        #expect(try world.gateway.admin.status().inbound == ["applied": 5, "quarantined": 1])
        #expect(try world.gateway.admin.quarantineEntries(all: false).map(\.reason) == ["handling-failed"])
    }
}
