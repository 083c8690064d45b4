import Foundation
import IndigateStore
import IndigateTransport

/// indigate's version, as `--version` and `status` print it.
package enum IndigateVersion {
    package static let current = "0.4.0"
}

/// How the installation is doing, for `status --json` and for monitoring (`status --check`, as
/// Nagios or Zabbix run it): the counts, when each pass last finished well, the oldest letter
/// still waiting, letters failed for good lately, inbox entries skipped — and a verdict.
package struct Health: Sendable, Encodable {
    package enum Level: String, Sendable, Encodable, Comparable {
        case ok, warning, critical

        /// The exit code monitoring plugins use: 0, 1, 2.
        package var exitCode: Int32 { self == .ok ? 0 : self == .warning ? 1 : 2 }

        package static func < (a: Level, b: Level) -> Bool { a.exitCode < b.exitCode }
    }

    package var version = IndigateVersion.current
    package var counts: StoreStatus
    package var lastPoll: Date?
    package var lastFlush: Date?
    package var lastTick: Date?
    package var oldestWaitingLetter: Date?
    package var failedLettersLastDay: Int
    package var inboxProblems: [InboundProblem]
    package var level: Level
    /// Why the level is not ok, a phrase each.
    package var problems: [String]
}

extension Admin {
    /// A pass is stale when it has not finished well for `stale` seconds (five passes, at least
    /// ten minutes); a letter waiting over an hour or failed in the last day is a warning.
    package func health(now: Date, pollSeconds: Int, inboxProblems: [InboundProblem]) throws -> Health {
        try store.read { tx in
            let beats = try tx.heartbeats()
            let stale = TimeInterval(max(600, 5 * pollSeconds))
            var health = Health(
                counts: try tx.status(), lastPoll: beats["poll"], lastFlush: beats["flush"], lastTick: beats["tick"],
                oldestWaitingLetter: try tx.oldestWaitingLetter(), failedLettersLastDay: try tx.failedLetters(since: now - 86_400),
                inboxProblems: inboxProblems, level: .ok, problems: [])
            func flag(_ level: Health.Level, _ text: String) {
                health.level = max(health.level, level)
                health.problems.append(text)
            }
            for (name, last) in [("poll", health.lastPoll), ("flush", health.lastFlush), ("tick", health.lastTick)] {
                guard let last else {
                    flag(.critical, "no \(name) has finished yet")
                    continue
                }
                if now.timeIntervalSince(last) > stale { flag(.critical, "last \(name) \(Int(now.timeIntervalSince(last)) / 60) min ago") }
            }
            if let oldest = health.oldestWaitingLetter, now.timeIntervalSince(oldest) > 3600 {
                flag(.warning, "a letter has waited \(Int(now.timeIntervalSince(oldest)) / 60) min")
            }
            if health.failedLettersLastDay > 0 { flag(.warning, "\(health.failedLettersLastDay) letters failed in the last day") }
            if !inboxProblems.isEmpty { flag(.warning, "\(inboxProblems.count) inbox entries skipped") }
            return health
        }
    }
}
