import Foundation
import GRDB
import IndigateCore

/// What `archive` found.
package enum ArchiveResult: Sendable, Equatable {
    /// A new message, archived under this id.
    case new(Int64)
    /// The same bytes were archived before and are not handled yet (a crash came between).
    case pending(Int64)
    /// The same bytes were archived and handled before.
    case done(Int64)
}

extension StoreTransaction {
    /// Archives the raw bytes of an inbound message unless the same bytes (by SHA-256) are
    /// already archived.
    /// - Parameter fullSize: for a message archived in part (over the size limit), its full size.
    package func archive(raw: [UInt8], sha256: String, source: String, fullSize: Int? = nil, at now: Date) throws -> ArchiveResult
    {
        if let row = try Row.fetchOne(
            try statement("SELECT id, outcome FROM inbound WHERE sha256 = ?"), arguments: [sha256])
        {
            let id: Int64 = row["id"]
            return row["outcome"] == InboundOutcome.pending.rawValue ? .pending(id) : .done(id)
        }
        try statement("INSERT INTO inbound (receivedAt, source, sha256, size, fullSize) VALUES (?, ?, ?, ?, ?)").execute(
            arguments: [StoredDate.text(now), source, sha256, raw.count, fullSize])
        let id = db.lastInsertedRowID
        blobs.put(raw, key: sha256)
        return .new(id)
    }

    package func inbound(id: Int64) throws -> StoredInbound? {
        try Row.fetchOne(
            try statement(
                """
                SELECT id, sha256, outcome, parseAttempts, handleAttempts, releasedBy, fullSize FROM inbound WHERE id = ?
                """),
            arguments: [id]
        ).map { row in
            let sha256: String = row["sha256"]
            return StoredInbound(
                id: row["id"], sha256: sha256, raw: try blobs.bytes(sha256, of: "inbound message \(id)"),
                outcome: InboundOutcome(rawValue: row["outcome"]) ?? .pending, parseAttempts: row["parseAttempts"],
                handleAttempts: row["handleAttempts"], releasedBy: row["releasedBy"], fullSize: row["fullSize"])
        }
    }

    /// How far handling a message has got: parse and handling attempts, and who released it.
    package func handlingState(inboundID: Int64) throws -> (
        parseAttempts: Int, handleAttempts: Int, releasedBy: String?, fullSize: Int?
    )? {
        try Row.fetchOne(
            try statement("SELECT parseAttempts, handleAttempts, releasedBy, fullSize FROM inbound WHERE id = ?"),
            arguments: [inboundID]
        ).map { ($0["parseAttempts"], $0["handleAttempts"], $0["releasedBy"], $0["fullSize"]) }
    }

    /// Ids of archived messages not yet handled, oldest first.
    package func pendingInbound() throws -> [Int64] {
        try Int64.fetchAll(try statement("SELECT id FROM inbound WHERE outcome = 'pending' ORDER BY id"))
    }

    /// Counts one more attempt to parse the message (committed before the parse, so a parser
    /// crash is counted too).
    package func countParseAttempt(inboundID: Int64) throws {
        try statement("UPDATE inbound SET parseAttempts = parseAttempts + 1 WHERE id = ?").execute(arguments: [inboundID])
    }

    /// Marks messages as being handled together in a batch (committed before the batch): if the
    /// daemon dies, each is a suspect and is handled alone next time. A batch's death is blamed
    /// on nobody, so the mark is set, not counted.
    package func markHandling(inboundIDs: [Int64]) throws {
        for id in inboundIDs {
            try statement("UPDATE inbound SET handleAttempts = 1 WHERE id = ? AND handleAttempts = 0").execute(arguments: [id])
        }
    }

    /// Counts one more attempt to handle a suspect alone (committed before it): a death now is
    /// this message's.
    package func countSoloAttempt(inboundID: Int64) throws {
        try statement("UPDATE inbound SET handleAttempts = handleAttempts + 1 WHERE id = ?").execute(arguments: [inboundID])
    }

    /// Hands a quarantined message back to intake as a message of its own, vouched for by
    /// `actor`: it is pending again, parsed and handled afresh by the next pass.
    package func requeueReleased(inboundID: Int64, by actor: String) throws {
        try statement(
            """
            UPDATE inbound SET outcome = 'pending', releasedBy = ?, parseAttempts = 0, handleAttempts = 0,
                processedAt = NULL WHERE id = ?
            """
        ).execute(arguments: [actor, inboundID])
    }

    /// Records what the parser read of the envelope, and a preview: the first lines of the text
    /// and the attachments' names (each one clean line; stored one per line).
    package func describeInbound(
        id: Int64, messageID: String?, from: String?, subject: String?, previewLines: [String] = [],
        attachmentNames: [String] = []
    ) throws {
        try statement(
            "UPDATE inbound SET messageId = ?, fromAddress = ?, subject = ?, previewText = ?, previewAttachments = ? WHERE id = ?"
        ).execute(
            arguments: [
                messageID, from, String((subject ?? "").prefix(500)), previewLines.joined(separator: "\n"),
                attachmentNames.joined(separator: "\n"), id,
            ])
    }

    /// Whether another handled message has the same Message-ID and sender (a resend of the
    /// same message with other bytes, e.g. other Received headers).
    package func isDuplicate(inboundID: Int64, messageID: String, from: String) throws -> Bool {
        try Int64.fetchOne(
            try statement(
                """
                SELECT id FROM inbound WHERE messageId = ? AND fromAddress = ? AND id <> ? AND outcome <> 'pending'
                AND fullSize IS NULL LIMIT 1
                """), arguments: [messageID, from, inboundID]) != nil
    }

    /// Marks the message handled.
    package func finishInbound(id: Int64, outcome: InboundOutcome, detail: String?, contactID: Int64?, at now: Date)
        throws
    {
        try statement("UPDATE inbound SET outcome = ?, outcomeDetail = ?, contactId = ?, processedAt = ? WHERE id = ?").execute(
            arguments: [outcome.rawValue, detail, contactID, StoredDate.text(now), id])
    }

    /// Sets a message aside for operators with the reason. A released message that still cannot
    /// be handled reopens its entry (the same number) with the new reason. Returns the entry's id.
    @discardableResult
    package func quarantine(inboundID: Int64, reason: String, detail: String?, at now: Date) throws -> Int64 {
        try statement(
            """
            INSERT INTO quarantine (inboundId, reason, detail, createdAt) VALUES (?, ?, ?, ?)
            ON CONFLICT(inboundId) DO UPDATE SET reason = excluded.reason, detail = excluded.detail,
                createdAt = excluded.createdAt, releasedAt = NULL, droppedAt = NULL
            """
        ).execute(arguments: [inboundID, reason, detail, now])
        try finishInbound(id: inboundID, outcome: .quarantined, detail: reason, contactID: nil, at: now)
        return try Int64.fetchOne(try statement("SELECT id FROM quarantine WHERE inboundId = ?"), arguments: [inboundID]) ?? 0
    }

    /// Appends to the audit log.
    package func audit(actor: String, action: String, detail: String, at now: Date) throws {
        try statement("INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)").execute(
            arguments: [now, actor, action, detail])
    }

    /// The newest entries of the audit log, newest first.
    package func auditEntries(limit: Int = 1000) throws -> [(at: Date, actor: String, action: String, detail: String)] {
        try Row.fetchAll(
            try statement("SELECT at, actor, action, detail FROM audit ORDER BY id DESC LIMIT ?"), arguments: [limit]
        ).map { ($0["at"], $0["actor"], $0["action"], $0["detail"]) }
    }
}
