import Foundation
import GRDB
import IndigateCore

/// Counts for `indigate status`.
package struct StoreStatus: Sendable, Equatable, Codable {
    package var organizations: Int
    package var contacts: [String: Int]
    package var indicators: Int
    package var rounds: [String]
    package var values: [String: Int]
    package var documents: Int
    package var inbound: [String: Int]
    package var outbox: [String: Int]
    package var quarantine: Int
}

extension StoreTransaction {
    /// Records that a pass (`poll`, `flush`, `tick`) finished well at `now`.
    package func beat(_ name: String, at now: Date) throws {
        try statement("INSERT INTO heartbeat (name, at) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET at = excluded.at").execute(
            arguments: [name, now])
    }

    /// When each pass last finished well.
    package func heartbeats() throws -> [String: Date] {
        Dictionary(
            uniqueKeysWithValues: try Row.fetchAll(try statement("SELECT name, at FROM heartbeat")).map { ($0["name"], $0["at"]) }
        )
    }

    /// When the oldest letter still waiting to go (queued, sending or deferred) entered the outbox.
    package func oldestWaitingLetter() throws -> Date? {
        try Date.fetchOne(try statement("SELECT min(queuedAt) FROM outbox WHERE state IN ('queued', 'sending', 'deferred')"))
    }

    /// Letters failed for good since `since`.
    package func failedLetters(since: Date) throws -> Int {
        try Int.fetchOne(
            try statement(
                "SELECT count(*) FROM outbox o JOIN letter l ON l.id = o.letterId WHERE o.state = 'failed' AND l.createdAt >= ?"),
            arguments: [since]) ?? 0
    }

    package func status() throws -> StoreStatus {
        func counts(_ sql: String) throws -> [String: Int] {
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(try statement(sql)).map { ($0[0], $0[1]) })
        }
        return StoreStatus(
            organizations: try Int.fetchOne(try statement("SELECT count(*) FROM organization")) ?? 0,
            contacts: try counts("SELECT role, count(*) FROM contact GROUP BY role"),
            indicators: try Int.fetchOne(try statement("SELECT count(*) FROM indicator")) ?? 0,
            rounds: try String.fetchAll(try statement("SELECT month FROM round ORDER BY month")),
            values: try counts("SELECT state, count(*) FROM valueVersion GROUP BY state"),
            documents: try Int.fetchOne(try statement("SELECT count(*) FROM document")) ?? 0,
            inbound: try counts("SELECT outcome, count(*) FROM inbound GROUP BY outcome"),
            outbox: try counts("SELECT state, count(*) FROM outbox GROUP BY state"),
            quarantine: try Int.fetchOne(
                try statement("SELECT count(*) FROM quarantine WHERE releasedAt IS NULL AND droppedAt IS NULL")) ?? 0)
    }
}

extension StoreTransaction {
    /// Removes a migration's record, for tests of the upgrade path only.
    package func forgetMigration(_ identifier: String) throws {
        try statement("DELETE FROM grdb_migrations WHERE identifier = ?").execute(arguments: [identifier])
    }

    /// Records a migration as applied, for tests of the upgrade path only.
    package func rememberMigration(_ identifier: String) throws {
        try statement("INSERT OR IGNORE INTO grdb_migrations (identifier) VALUES (?)").execute(arguments: [identifier])
    }
}
