import Foundation
import IndigateCore
import IndigateStore

/// What one scheduler pass would do, found by doing it on a snapshot copy of the database and
/// counting the letters it queued there: nothing of the real installation changes.
package struct DryRunReport: Sendable, Equatable {
    package var tick: TickReport
    /// Letters the pass would queue, by purpose.
    package var letters: [String: Int]

    /// As people read it, a line each.
    package var lines: [String] {
        var lines: [String] = []
        if let round = tick.openedRound {
            lines.append("would open the round \(round.month) (deadline \(RoundDates.display(round.deadline)))")
        }
        let total = letters.values.reduce(0, +)
        lines.append(
            total == 0
                ? "would send nothing"
                : "would send \(total) letters: "
                    + letters.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        return lines
    }
}

extension Admin {
    /// Runs `tick` on a copy of the database and reports what it queued.
    package func dryRun(_ config: IndigateConfig, now: Date) throws -> DryRunReport {
        let directory = FileManager.default.temporaryDirectory.path + "/indigate-dry-run-" + UUID().uuidString
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A backup restored: the database and its blob file (review letters attach documents).
        try store.backup(to: directory + "/backup.indigate", extras: [:])
        _ = try Store.restore(from: directory + "/backup.indigate", to: directory + "/copy.sqlite")
        var copy = config
        copy.database = directory + "/copy.sqlite"
        copy.transport.inbound = .init(kind: "maildir", path: directory + "/in")
        copy.transport.outbound = .init(kind: "maildir", path: directory + "/out")
        var quiet = logger
        quiet.logLevel = .critical  // the copy's own notices would read as the real one's
        let gateway = try Gateway(config: copy, logger: quiet)
        func counts() throws -> [String: Int] {
            Dictionary(grouping: try gateway.admin.store.read { try $0.letters() }, by: \.purpose.rawValue).mapValues(\.count)
        }
        let before = try counts()
        let tick = try gateway.scheduler.tick(now: now)
        let after = try counts()
        var added: [String: Int] = [:]
        for (purpose, count) in after where count > before[purpose, default: 0] {
            added[purpose] = count - before[purpose, default: 0]
        }
        return DryRunReport(tick: tick, letters: added)
    }
}
