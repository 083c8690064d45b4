import Foundation
import GRDB
import IndigateCore

/// What became of one decision.
public enum DecisionResult: Sendable, Equatable {
    case decided
    /// Someone decided first (the first decision stands).
    case alreadyDecided(state: ValueState, by: String, at: Date)
    /// A newer version replaced it, or it is still waiting for its document.
    case notUnderReview(state: ValueState)
    case unknown
}

extension StoreTransaction {
    /// Submissions complete and waiting for an operator that no review letter has listed yet,
    /// oldest first.
    public func valuesAwaitingReviewLetter() throws -> [StoredValue] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM valueVersion WHERE state = 'review' AND sentForReviewAt IS NULL ORDER BY id"
        ).map(Self.value)
    }

    /// Records that a review letter lists these submissions.
    public func addReviewItems(letterID: Int64, valueIDs: [Int64], at now: Date) throws {
        for id in valueIDs {
            try db.execute(
                sql: "INSERT OR IGNORE INTO reviewItem (letterId, valueVersionId) VALUES (?, ?)", arguments: [letterID, id])
            try db.execute(
                sql: "UPDATE valueVersion SET sentForReviewAt = coalesce(sentForReviewAt, ?) WHERE id = ?",
                arguments: [now, id])
        }
    }

    /// The submissions a review letter listed.
    public func reviewItems(letterID: Int64) throws -> [Int64] {
        try Int64.fetchAll(
            db, sql: "SELECT valueVersionId FROM reviewItem WHERE letterId = ? ORDER BY valueVersionId", arguments: [letterID])
    }

    public func value(id: Int64) throws -> StoredValue? {
        try Row.fetchOne(db, sql: "SELECT * FROM valueVersion WHERE id = ?", arguments: [id]).map(Self.value)
    }

    /// Accepts or rejects a submission under review. Only a version in review moves; the first
    /// decision stands, and every decision is kept in `review`.
    public func decide(
        valueID: Int64, accept: Bool, resolution: String?, operatorID: Int64, inboundID: Int64?, at now: Date
    ) throws -> DecisionResult {
        guard let value = try value(id: valueID) else { return .unknown }
        guard value.state == .review else {
            if value.state == .accepted || value.state == .rejected,
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT c.email, c.personName, v.decidedAt FROM valueVersion v JOIN contact c ON c.id = v.decidedBy
                        WHERE v.id = ?
                        """, arguments: [valueID])
            {
                let name: String = row["personName"]
                let email: String = row["email"]
                return .alreadyDecided(state: value.state, by: name.isEmpty ? email : name, at: row["decidedAt"])
            }
            return .notUnderReview(state: value.state)
        }
        let state: ValueState = accept ? .accepted : .rejected
        try db.execute(
            sql: "UPDATE valueVersion SET state = ?, decidedAt = ?, decidedBy = ?, resolution = ? WHERE id = ? AND state = 'review'",
            arguments: [state.rawValue, now, operatorID, resolution, valueID])
        try db.execute(
            sql: """
                INSERT INTO review (valueVersionId, operatorId, decision, resolution, decidedAt, inboundId)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [valueID, operatorID, state.rawValue, resolution, now, inboundID])
        return .decided
    }

    /// A stored document's bytes and name.
    public func document(id: Int64) throws -> (fileName: String, bytes: [UInt8])? {
        try Row.fetchOne(db, sql: "SELECT fileName, bytes FROM document WHERE id = ?", arguments: [id]).map {
            let data: Data = $0["bytes"]
            return ($0["fileName"], Array(data))
        }
    }

    /// Letters of `purpose` to `contactID` since `since`.
    public func lettersSent(toContact contactID: Int64, purpose: LetterPurpose, since: Date) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT count(*) FROM letter WHERE contactId = ? AND purpose = ? AND createdAt >= ?",
            arguments: [contactID, purpose.rawValue, since]) ?? 0
    }

    /// The newest letter of `purpose` sent to anyone.
    public func lastLetter(purpose: LetterPurpose) throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT max(createdAt) FROM letter WHERE purpose = ?", arguments: [purpose.rawValue])
    }

    /// Failed outbox rows and failing addresses, for the operators' review letter.
    public func deliveryProblems() throws -> (failedLetters: [(recipient: String, error: String)], failingAddresses: [String]) {
        let failed = try Row.fetchAll(
            db, sql: "SELECT recipient, coalesce(lastError, '') AS error FROM outbox WHERE state = 'failed' ORDER BY id"
        ).map { (recipient: $0["recipient"] as String, error: $0["error"] as String) }
        let failing = try String.fetchAll(db, sql: "SELECT email FROM contact WHERE failing = 1 ORDER BY email")
        return (failed, failing)
    }
}
