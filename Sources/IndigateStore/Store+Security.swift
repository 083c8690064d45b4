import Foundation
import GRDB
import IndigateCore

/// A message set aside for operators.
package struct QuarantineEntry: Sendable, Equatable, Codable {
    package var id: Int64
    package var inboundID: Int64
    package var reason: String
    package var detail: String?
    package var from: String?
    package var subject: String?
    /// The message's first lines and its attachments' names, as the parser read them.
    package var previewLines: [String] = []
    package var attachmentNames: [String] = []
    package var createdAt: Date
    package var releasedAt: Date?
    package var droppedAt: Date?
}

extension StoreTransaction {
    /// The contact's token generation, or nil when there is no such contact.
    package func tokenGeneration(contactID: Int64) throws -> UInt32? {
        try Int64.fetchOne(try statement("SELECT tokenGeneration FROM contact WHERE id = ?"), arguments: [contactID])
            .map { UInt32(truncatingIfNeeded: $0) }
    }

    /// Voids every token issued so far to the contact.
    package func revokeTokens(contactID: Int64) throws {
        try statement("UPDATE contact SET tokenGeneration = tokenGeneration + 1 WHERE id = ?").execute(arguments: [contactID])
    }

    /// Voids every token issued so far to every contact of the organisation; returns how many.
    package func revokeTokens(organizationID: Int64) throws -> Int {
        try statement("UPDATE contact SET tokenGeneration = tokenGeneration + 1 WHERE organizationId = ?").execute(
            arguments: [organizationID])
        return db.changesCount
    }

    /// Another address of the same person (a personal mailbox beside the school's).
    package func addAlias(_ email: String, contactID: Int64) throws {
        try statement(
            "INSERT INTO contactAlias (email, contactId) VALUES (?, ?) ON CONFLICT(email) DO UPDATE SET contactId = excluded.contactId"
        ).execute(
            arguments: [email.lowercased(), contactID])
    }

    /// Whether `address` is the contact's own address or one of its aliases (case-insensitive).
    package func address(_ address: String, belongsTo contactID: Int64) throws -> Bool {
        try Int64.fetchOne(
            try statement(
                """
                SELECT 1 FROM contact WHERE id = ? AND email = ?
                UNION SELECT 1 FROM contactAlias WHERE contactId = ? AND email = ?
                """), arguments: [contactID, address, contactID, address]) != nil
    }

    /// The contact whose address or alias is `address`.
    package func contact(matching address: String) throws -> StoredContact? {
        if let direct = try contact(email: address) { return direct }
        guard
            let id = try Int64.fetchOne(try statement("SELECT contactId FROM contactAlias WHERE email = ?"), arguments: [address])
        else { return nil }
        return try contact(id: id)
    }

    /// Letters to `contactID` created at or after `since`, of any purpose but requests.
    package func lettersSent(toContact contactID: Int64, since: Date) throws -> Int {
        try Int.fetchOne(
            try statement("SELECT count(*) FROM letter WHERE contactId = ? AND createdAt >= ? AND purpose <> 'request'"),
            arguments: [contactID, StoredDate.text(since)]) ?? 0
    }

    /// Whether a letter with `reason` went to `recipient` at or after `since`.
    package func sentNotice(reason: String, to recipient: String, since: Date) throws -> Bool {
        try Int64.fetchOne(
            try statement("SELECT 1 FROM letter WHERE reason = ? AND recipient = ? AND createdAt >= ? LIMIT 1"),
            arguments: [reason, recipient, since]) != nil
    }

    /// The letter and its recipient contact, for a bounce's VERP token.
    package func letter(id: Int64) throws -> (contactID: Int64, purpose: String, outboxID: Int64?)? {
        try Row.fetchOne(
            try statement(
                "SELECT l.contactId, l.purpose, o.id AS outboxId FROM letter l LEFT JOIN outbox o ON o.letterId = l.id WHERE l.id = ?"
            ),
            arguments: [id]
        ).map { ($0["contactId"], $0["purpose"], $0["outboxId"]) }
    }

    /// Records a bounce. A permanent one marks the address failing and the letter failed;
    /// a temporary one is only counted.
    package func recordBounce(
        inboundID: Int64, letterID: Int64?, contactID: Int64?, permanent: Bool, status: String, at now: Date
    ) throws {
        try statement("INSERT INTO bounce (inboundId, letterId, contactId, permanent, status, at) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(
                arguments: [inboundID, letterID, contactID, permanent, status, now])
        if permanent {
            // The contact fails only if the letter went to its current address: a letter to an
            // address being confirmed, or to one since replaced, says nothing about it.
            if let contactID {
                try statement(
                    """
                    UPDATE contact SET failing = 1, failingSince = coalesce(failingSince, ?), failingDetail = ? WHERE id = ?
                    AND (?4 IS NULL OR email = (SELECT recipient FROM outbox WHERE letterId = ?4) COLLATE NOCASE)
                    """
                ).execute(
                    arguments: [now, "bounce \(status)", contactID, letterID])
            }
            if let letterID {
                try statement("UPDATE outbox SET state = 'failed', lastError = ? WHERE letterId = ?").execute(
                    arguments: ["bounced: \(status)", letterID])
            }
        } else if let letterID {
            try statement("UPDATE outbox SET temporaryBounces = temporaryBounces + 1 WHERE letterId = ?").execute(arguments: [
                letterID
            ])
        }
    }

    package func quarantineEntries(includeClosed: Bool = false) throws -> [QuarantineEntry] {
        try Row.fetchAll(
            try statement(
                """
                SELECT q.*, i.fromAddress, i.subject, i.previewText, i.previewAttachments FROM quarantine q JOIN inbound i ON i.id = q.inboundId
                \(includeClosed ? "" : "WHERE q.releasedAt IS NULL AND q.droppedAt IS NULL") ORDER BY q.id
                """)
        ).map(Self.quarantineEntry)
    }

    /// The open quarantine in brief: how many entries each reason has, and the newest entries.
    package func openQuarantine(newest limit: Int) throws -> (counts: [(reason: String, count: Int)], newest: [QuarantineEntry]) {
        let counts = try Row.fetchAll(
            try statement(
                """
                SELECT reason, count(*) AS n FROM quarantine WHERE releasedAt IS NULL AND droppedAt IS NULL
                GROUP BY reason ORDER BY n DESC, reason
                """)
        ).map { (reason: $0["reason"] as String, count: $0["n"] as Int) }
        let newest = try Row.fetchAll(
            try statement(
                """
                SELECT q.*, i.fromAddress, i.subject, i.previewText, i.previewAttachments FROM quarantine q JOIN inbound i ON i.id = q.inboundId
                WHERE q.releasedAt IS NULL AND q.droppedAt IS NULL ORDER BY q.id DESC LIMIT ?
                """), arguments: [limit]
        ).map(Self.quarantineEntry)
        return (counts, newest)
    }

    /// Open entries set aside after `since` (all open ones when nil).
    package func newQuarantineCount(since: Date?) throws -> Int {
        try Int.fetchOne(
            try statement(
                """
                SELECT count(*) FROM quarantine WHERE releasedAt IS NULL AND droppedAt IS NULL AND (?1 IS NULL OR createdAt > ?1)
                """), arguments: [since]) ?? 0
    }

    package func quarantineEntry(id: Int64) throws -> QuarantineEntry? {
        try Row.fetchOne(
            try statement(
                "SELECT q.*, i.fromAddress, i.subject, i.previewText, i.previewAttachments FROM quarantine q JOIN inbound i ON i.id = q.inboundId WHERE q.id = ?"
            ),
            arguments: [id]
        ).map(Self.quarantineEntry)
    }

    package func closeQuarantine(id: Int64, released: Bool, at now: Date) throws {
        try statement("UPDATE quarantine SET \(released ? "releasedAt" : "droppedAt") = ? WHERE id = ?").execute(arguments: [
            now, id,
        ])
    }

    static func quarantineEntry(_ row: Row) -> QuarantineEntry {
        QuarantineEntry(
            id: row["id"], inboundID: row["inboundId"], reason: row["reason"], detail: row["detail"],
            from: row["fromAddress"], subject: row["subject"],
            previewLines: lines(row["previewText"]), attachmentNames: lines(row["previewAttachments"]),
            createdAt: row["createdAt"],
            releasedAt: row["releasedAt"], droppedAt: row["droppedAt"])
    }

    static func lines(_ stored: String?) -> [String] {
        (stored ?? "").split(separator: "\n").map(String.init)
    }
}
