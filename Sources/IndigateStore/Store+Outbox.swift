import Foundation
import GRDB
import IndigateCore

/// Why a letter was sent; stored with the letter.
public enum LetterPurpose: String, Sendable, Codable, CaseIterable {
    case request, receipt, review, notice, reminder, digest, transcript, refusal
}

extension StoreTransaction {
    /// Records a letter and puts its bytes in the outbox, in the caller's transaction.
    @discardableResult
    /// - Parameters:
    ///   - reason: why a notice was sent (rate limits look it up), nil for ordinary letters.
    ///   - compose: makes the letter's envelope sender and bytes once its id is known (the
    ///     envelope sender carries a VERP token naming the letter).
    public func enqueueLetter(
        purpose: LetterPurpose, contactID: Int64, roundID: Int64?, inboundID: Int64?, messageID: String,
        subject: String, recipient: String, reason: String? = nil, at now: Date,
        compose: (Int64) throws -> (envelopeFrom: String, raw: [UInt8])
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO letter (purpose, contactId, roundId, inboundId, messageId, subject, createdAt, reason, recipient)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [purpose.rawValue, contactID, roundID, inboundID, messageID, subject, now, reason, recipient])
        let letterID = db.lastInsertedRowID
        let (envelopeFrom, raw) = try compose(letterID)
        try db.execute(
            sql: """
                INSERT INTO outbox (letterId, recipient, envelopeFrom, raw, nextAttemptAt) VALUES (?, ?, ?, ?, ?)
                """, arguments: [letterID, recipient, envelopeFrom, Data(raw), now])
        return letterID
    }

    /// Letters due to be sent at `now`, oldest first, at most `limit`. A row left `sending`
    /// by a crash is due again: the transport's write is idempotent per row.
    public func dueOutbox(at now: Date, limit: Int) throws -> [OutboxRow] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM outbox WHERE state IN ('queued', 'deferred', 'sending') AND nextAttemptAt <= ?
                ORDER BY id LIMIT ?
                """, arguments: [now, limit]
        ).map { row in
            let raw: Data = row["raw"]
            return OutboxRow(
                id: row["id"], letterID: row["letterId"], recipient: row["recipient"],
                envelopeFrom: row["envelopeFrom"], raw: Array(raw),
                state: OutboxState(rawValue: row["state"]) ?? .queued, attempts: row["attempts"],
                nextAttemptAt: row["nextAttemptAt"])
        }
    }

    /// Every outbox row to `recipient`, oldest first, whatever its state.
    public func outboxRows(recipient: String) throws -> [OutboxRow] {
        try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE recipient = ? ORDER BY id", arguments: [recipient]).map { row in
            let raw: Data = row["raw"]
            return OutboxRow(
                id: row["id"], letterID: row["letterId"], recipient: row["recipient"],
                envelopeFrom: row["envelopeFrom"], raw: Array(raw),
                state: OutboxState(rawValue: row["state"]) ?? .queued, attempts: row["attempts"],
                nextAttemptAt: row["nextAttemptAt"])
        }
    }

    public func markSent(outboxID: Int64, at now: Date) throws {
        try db.execute(
            sql: "UPDATE outbox SET state = 'sent', attempts = attempts + 1, sentAt = ?, lastError = NULL WHERE id = ?",
            arguments: [now, outboxID])
    }

    public func markDeferred(outboxID: Int64, error: String, until next: Date) throws {
        try db.execute(
            sql: "UPDATE outbox SET state = 'deferred', attempts = attempts + 1, lastError = ?, nextAttemptAt = ? WHERE id = ?",
            arguments: [String(error.prefix(1000)), next, outboxID])
    }

    public func markFailed(outboxID: Int64, error: String) throws {
        try db.execute(
            sql: "UPDATE outbox SET state = 'failed', attempts = attempts + 1, lastError = ? WHERE id = ?",
            arguments: [String(error.prefix(1000)), outboxID])
    }

    /// The raw bytes of letters to a recipient, oldest first (for tests and previews).
    public func letters(purpose: LetterPurpose? = nil) throws -> [(purpose: LetterPurpose, recipient: String, raw: [UInt8])] {
        var sql = "SELECT l.purpose, o.recipient, o.raw FROM letter l JOIN outbox o ON o.letterId = l.id"
        var arguments: StatementArguments = []
        if let purpose {
            sql += " WHERE l.purpose = ?"
            arguments += [purpose.rawValue]
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY l.id", arguments: arguments).map { row in
            let raw: Data = row["raw"]
            return (LetterPurpose(rawValue: row["purpose"]) ?? .notice, row["recipient"], Array(raw))
        }
    }
}
