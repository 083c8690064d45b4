import Foundation
import GRDB
import IndigateCore

/// Why a letter was sent; stored with the letter.
package enum LetterPurpose: String, Sendable, Codable, CaseIterable {
    case request, receipt, review, notice, reminder, digest, transcript, refusal
}

extension StoreTransaction {
    /// Records a letter and puts its bytes in the outbox, in the caller's transaction.
    @discardableResult
    /// - Parameters:
    ///   - subject: the letter's subject; a letter made later (`LetterBytes.later`) brings its
    ///     own, stored with its bytes.
    ///   - reason: why a notice was sent (rate limits look it up), nil for ordinary letters.
    ///   - compose: makes the letter's envelope sender and bytes once its id is known (the
    ///     envelope sender carries a VERP token naming the letter).
    package func enqueueLetter(
        purpose: LetterPurpose, contactID: Int64, roundID: Int64?, inboundID: Int64?, messageID: String,
        subject: String, recipient: String, reason: String? = nil, at now: Date,
        compose: (Int64) throws -> (envelopeFrom: String, raw: LetterBytes)
    ) throws -> Int64 {
        try statement(
            """
            INSERT INTO letter (purpose, contactId, roundId, inboundId, messageId, subject, createdAt, reason, recipient)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).execute(
            arguments: [
                purpose.rawValue, contactID, roundID, inboundID, messageID, subject, StoredDate.text(now), reason, recipient,
            ])
        let letterID = db.lastInsertedRowID
        let (envelopeFrom, raw) = try compose(letterID)
        try statement(
            """
            INSERT INTO outbox (letterId, recipient, envelopeFrom, nextAttemptAt, queuedAt) VALUES (?, ?, ?, ?, ?)
            """
        ).execute(arguments: [letterID, recipient, envelopeFrom, StoredDate.text(now), StoredDate.text(now)])
        let outboxID = db.lastInsertedRowID
        switch raw {
        case .ready(let bytes): try storeRaw(outboxID: outboxID, bytes)
        case .later(let make):
            guard let composing else {
                try storeComposed(outboxID: outboxID, try make())
                break
            }
            composing.submit(outboxID: outboxID, make)
            try settleComposed()
        }
        return letterID
    }

    private func storeRaw(outboxID: Int64, _ bytes: [UInt8]) throws {
        try statement("INSERT INTO outboxRaw (outboxId, raw) VALUES (?, ?)").execute(arguments: [outboxID, Data(bytes)])
    }

    /// A letter made on the composing thread: its subject in its row, and its bytes.
    private func storeComposed(outboxID: Int64, _ letter: ComposedLetter) throws {
        try statement("UPDATE letter SET subject = ? WHERE id = (SELECT letterId FROM outbox WHERE id = ?)").execute(
            arguments: [letter.subject, outboxID])
        try storeRaw(outboxID: outboxID, letter.bytes)
    }

    /// Stores the letters composed on another thread (see `ComposingLetters`): called by the
    /// store just before the transaction commits.
    func storeComposed() throws {
        try composing?.finish { outboxID, letter in try storeComposed(outboxID: outboxID, letter) }
    }

    /// Stores the letters composed so far once too many wait (see `ComposingLetters`).
    func settleComposed() throws {
        try composing?.settle { outboxID, letter in try storeComposed(outboxID: outboxID, letter) }
    }

    /// Letters due to be sent at `now`, oldest first, at most `limit`. A row left `sending`
    /// by a crash is due again: the transport's write is idempotent per row.
    package func dueOutbox(at now: Date, limit: Int) throws -> [OutboxRow] {
        // The rows first, then each letter's bytes by key: joined in one query, SQLite sorted
        // every due letter's bytes (the whole round, 87 MB) to keep the first `limit` — for each
        // batch, a quarter of a flush's time.
        let rows = try Row.fetchAll(
            try statement(
                """
                SELECT * FROM outbox WHERE state IN ('queued', 'deferred', 'sending') AND nextAttemptAt <= ?
                AND EXISTS (SELECT 1 FROM outboxRaw r WHERE r.outboxId = outbox.id) ORDER BY id LIMIT ?
                """), arguments: [now, limit])
        let raw = try statement("SELECT raw FROM outboxRaw WHERE outboxId = ?")
        return try rows.compactMap { row in
            // Copied once, from SQLite's buffer into the letter's bytes (`first` decodes the row
            // while its cursor lives).
            let bytes = try first(raw, arguments: [row["id"] as Int64]) { letter in
                try letter.withUnsafeData(atIndex: 0) { data in data.map { Array($0) } }
            }
            return bytes.flatMap { $0 }.map { Self.outboxRow(row, bytes: $0) }
        }
    }

    /// Every outbox row to `recipient`, oldest first, whatever its state.
    package func outboxRows(recipient: String) throws -> [OutboxRow] {
        try Row.fetchAll(
            try statement(
                "SELECT o.*, r.raw FROM outbox o JOIN outboxRaw r ON r.outboxId = o.id WHERE o.recipient = ? ORDER BY o.id"),
            arguments: [recipient]
        ).map { Self.outboxRow($0) }
    }

    /// Marks rows as handed to the transport (a crash leaves them due again).
    package func markSending(outboxIDs: [Int64]) throws {
        let statement = try db.makeStatement(sql: "UPDATE outbox SET state = 'sending' WHERE id = ? AND state <> 'sent'")
        for id in outboxIDs { try statement.execute(arguments: [id]) }
    }

    /// Rows by state (all when nil, or all but the sent ones), for `outbox list`.
    package func outboxRows(state: OutboxState?, includingSent: Bool = true) throws -> [(
        row: OutboxRow, lastError: String?, subject: String
    )] {
        let filter = state == nil ? (includingSent ? "" : "WHERE o.state <> 'sent'") : "WHERE o.state = ?"
        return try Row.fetchAll(
            try statement(
                """
                SELECT o.*, r.raw, l.subject FROM outbox o JOIN outboxRaw r ON r.outboxId = o.id JOIN letter l ON l.id = o.letterId
                \(filter) ORDER BY o.id
                """),
            arguments: state.map { [$0.rawValue] } ?? []
        ).map { (Self.outboxRow($0), $0["lastError"], $0["subject"]) }
    }

    /// Puts failed or deferred rows back in the queue, due now.
    package func retryOutbox(id: Int64?, at now: Date) throws -> Int {
        if let id {
            try statement(
                "UPDATE outbox SET state = 'queued', nextAttemptAt = ?, queuedAt = ? WHERE id = ? AND state IN ('failed', 'deferred')"
            ).execute(
                arguments: [now, now, id])
        } else {
            try statement("UPDATE outbox SET state = 'queued', nextAttemptAt = ?, queuedAt = ? WHERE state = 'failed'").execute(
                arguments: [now, now])
        }
        return db.changesCount
    }

    /// Gives up on a row for good (kept, marked failed by an operator).
    package func dropOutbox(id: Int64) throws -> Bool {
        try statement(
            "UPDATE outbox SET state = 'failed', lastError = coalesce(lastError, '') || ' (dropped by an operator)' WHERE id = ? AND state <> 'sent'"
        ).execute(
            arguments: [id])
        return db.changesCount > 0
    }

    package func imapState(folder: String) throws -> (uidValidity: UInt32, lastUID: UInt32)? {
        try Row.fetchOne(try statement("SELECT uidValidity, lastUID FROM imapState WHERE folder = ?"), arguments: [folder]).map {
            (UInt32(truncatingIfNeeded: $0["uidValidity"] as Int64), UInt32(truncatingIfNeeded: $0["lastUID"] as Int64))
        }
    }

    package func saveIMAPState(folder: String, uidValidity: UInt32, lastUID: UInt32) throws {
        try statement(
            """
            INSERT INTO imapState (folder, uidValidity, lastUID) VALUES (?, ?, ?)
            ON CONFLICT(folder) DO UPDATE SET uidValidity = excluded.uidValidity,
                lastUID = CASE WHEN imapState.uidValidity = excluded.uidValidity
                               THEN max(imapState.lastUID, excluded.lastUID) ELSE excluded.lastUID END
            """
        ).execute(arguments: [folder, Int64(uidValidity), Int64(lastUID)])
    }

    static func outboxRow(_ row: Row, bytes: [UInt8]? = nil) -> OutboxRow {
        OutboxRow(
            id: row["id"], letterID: row["letterId"], recipient: row["recipient"], envelopeFrom: row["envelopeFrom"],
            raw: bytes ?? Array(row["raw"] as Data), state: OutboxState(rawValue: row["state"]) ?? .queued,
            attempts: row["attempts"],
            nextAttemptAt: row["nextAttemptAt"], queuedAt: row["queuedAt"])
    }

    package func markSent(outboxID: Int64, at now: Date) throws {
        try statement("UPDATE outbox SET state = 'sent', attempts = attempts + 1, sentAt = ?, lastError = NULL WHERE id = ?")
            .execute(
                arguments: [now, outboxID])
    }

    package func markDeferred(outboxID: Int64, error: String, until next: Date) throws {
        try statement(
            "UPDATE outbox SET state = 'deferred', attempts = attempts + 1, lastError = ?, nextAttemptAt = ? WHERE id = ?"
        ).execute(
            arguments: [String(error.prefix(1000)), next, outboxID])
    }

    package func markFailed(outboxID: Int64, error: String) throws {
        try statement("UPDATE outbox SET state = 'failed', attempts = attempts + 1, lastError = ? WHERE id = ?").execute(
            arguments: [String(error.prefix(1000)), outboxID])
    }

    /// The raw bytes of letters to a recipient, oldest first (for tests and previews).
    package func letters(purpose: LetterPurpose? = nil) throws -> [(purpose: LetterPurpose, recipient: String, raw: [UInt8])] {
        var sql = """
            SELECT l.purpose, o.recipient, r.raw FROM letter l JOIN outbox o ON o.letterId = l.id JOIN outboxRaw r ON r.outboxId = o.id
            """
        var arguments: StatementArguments = []
        if let purpose {
            sql += " WHERE l.purpose = ?"
            arguments += [purpose.rawValue]
        }
        return try Row.fetchAll(try statement(sql + " ORDER BY l.id"), arguments: arguments).map { row in
            let raw: Data = row["raw"]
            return (LetterPurpose(rawValue: row["purpose"]) ?? .notice, row["recipient"], Array(raw))
        }
    }
}
