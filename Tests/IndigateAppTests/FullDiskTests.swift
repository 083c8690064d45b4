import Foundation
import IndigateCore
import IndigateStore
import Testing

@testable import IndigateApp

/// SQLite on a full or read-only file system: the daemon stops taking messages (they stay in
/// the inbox, the MTA's pipe gets 75) and says so; nothing is half-written; once the disk is
/// back it catches up. The database lives on a small tmpfs mounted for the test (as root).
@Suite(.serialized, SystemTests.needs("root, to mount a small tmpfs")) struct FullDiskTests {
    static let school = "etkul-sosh@etkul.edu.test"

    static func run(_ command: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A tmpfs of `megabytes` at a fresh directory; unmounted by the returned closure.
    static func tmpfs(megabytes: Int) throws -> (path: String, unmount: () -> Void) {
        let path = ScratchFolders.path("indigate-tmpfs")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let status = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
        #expect(status == 0, "mount a tmpfs (the tests run as root)")
        return (path, { _ = try? run("/bin/umount", ["-l", path]) })
    }

    func reply(_ installation: TestInstallation, body: String, id: String) throws -> String {
        let request = try #require(
            try installation.gateway.testStore.read { try $0.letters(purpose: .request) }.first { $0.recipient == Self.school })
        let replyTo = try #require(
            String(decoding: request.raw, as: UTF8.self).split(separator: "\r\n").first {
                $0.hasPrefix("\t<monitoring+") || $0.contains("<monitoring+")
            })
        let address = replyTo.split(separator: "<").last!.split(separator: ">").first!
        return "From: \(Self.school)\r\nTo: \(address)\r\nSubject: Re\r\nMessage-ID: <\(id)@x.test>\r\n\r\n\(body)\r\n"
    }

    @Test func aFullDiskStopsIntakeWithoutLosingAnything() throws {
        let (mount, unmount) = try Self.tmpfs(megabytes: 8)
        defer { unmount() }
        let installation = try TestInstallation(databaseDirectory: mount)
        let gateway = installation.gateway
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try gateway.setup.run(now: now)
        _ = try gateway.scheduler.rounds.open(
            month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: ["1"], now: now)

        // Fill the disk.
        _ = try Self.run("/bin/dd", ["if=/dev/zero", "of=\(mount)/filler", "bs=64k", "count=1000"])
        try installation.deliver(try reply(installation, body: "1.5: 7", id: "full1"), name: "1.full")
        #expect(throws: (any Error).self) { try gateway.intake.poll(source: installation.inbox, now: now) }
        #expect(try installation.inbox.fetch(limit: 10, maxBytes: .max).count == 1, "the message stays in the inbox")
        #expect(try gateway.admin.status().inbound.isEmpty, "nothing half-written")

        // The MTA's pipe is told to try again later.
        let config = installation.directory + "/indigate.yaml"
        let ingest = Process()
        ingest.executableURL = URL(fileURLWithPath: IsolatedParserTests.binary)
        ingest.arguments = ["ingest", "--config", config]
        let input = Pipe()
        ingest.standardInput = input
        ingest.standardError = FileHandle.nullDevice
        ingest.standardOutput = FileHandle.nullDevice
        try ingest.run()
        input.fileHandleForWriting.write(Data(try reply(installation, body: "1.5: 8", id: "full2").utf8))
        try input.fileHandleForWriting.close()
        ingest.waitUntilExit()
        #expect(ingest.terminationStatus == 75)

        // Space again: it catches up.
        try FileManager.default.removeItem(atPath: mount + "/filler")
        let report = try gateway.intake.poll(source: installation.inbox, now: now)
        #expect(report.applied == 1)
        #expect(try gateway.admin.status().inbound == ["applied": 1])
    }

    @Test func aReadOnlyDiskStopsIntakeUntilItIsWritableAgain() throws {
        let (mount, unmount) = try Self.tmpfs(megabytes: 16)
        defer { unmount() }
        var installation: TestInstallation? = try TestInstallation(databaseDirectory: mount)
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try installation!.gateway.setup.run(now: now)
        _ = try installation!.gateway.scheduler.rounds.open(
            month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: ["1"], now: now)
        try installation!.deliver(try reply(installation!, body: "1.5: 7", id: "ro1"), name: "1.ro")
        let config = installation!.config
        let inbox = try installation!.inbox
        let logger = installation!.gateway.logger
        installation = nil  // closes the database, so the file system can be made read-only

        #expect(try Self.run("/bin/mount", ["-o", "remount,ro", mount]) == 0)
        #expect(throws: (any Error).self) {
            let gateway = try Gateway(config: config, logger: logger)
            _ = try gateway.intake.poll(source: inbox, now: now)
        }
        #expect(try inbox.fetch(limit: 10, maxBytes: .max).count == 1, "the message stays in the inbox")
        #expect(try Self.run("/bin/mount", ["-o", "remount,rw", mount]) == 0)
        let gateway = try Gateway(config: config, logger: logger)
        #expect(try gateway.intake.poll(source: inbox, now: now).applied == 1)
    }
}
