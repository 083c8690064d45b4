import GRDB
import IndigateCore

/// Counts for `indigate status`.
public struct StoreStatus: Sendable, Equatable, Codable {
    public var organizations: Int
    public var contacts: [String: Int]
    public var indicators: Int
    public var rounds: [String]
    public var values: [String: Int]
    public var documents: Int
    public var inbound: [String: Int]
    public var outbox: [String: Int]
    public var quarantine: Int
}

extension StoreTransaction {
    public func status() throws -> StoreStatus {
        func counts(_ sql: String) throws -> [String: Int] {
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: sql).map { ($0[0], $0[1]) })
        }
        return StoreStatus(
            organizations: try Int.fetchOne(db, sql: "SELECT count(*) FROM organization") ?? 0,
            contacts: try counts("SELECT role, count(*) FROM contact GROUP BY role"),
            indicators: try Int.fetchOne(db, sql: "SELECT count(*) FROM indicator") ?? 0,
            rounds: try String.fetchAll(db, sql: "SELECT month FROM round ORDER BY month"),
            values: try counts("SELECT state, count(*) FROM valueVersion GROUP BY state"),
            documents: try Int.fetchOne(db, sql: "SELECT count(*) FROM document") ?? 0,
            inbound: try counts("SELECT outcome, count(*) FROM inbound GROUP BY outcome"),
            outbox: try counts("SELECT state, count(*) FROM outbox GROUP BY state"),
            quarantine: try Int.fetchOne(
                db, sql: "SELECT count(*) FROM quarantine WHERE releasedAt IS NULL AND droppedAt IS NULL") ?? 0)
    }
}
