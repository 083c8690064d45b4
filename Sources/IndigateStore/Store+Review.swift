import Foundation
import GRDB
import IndigateCore

extension StoreTransaction {
    /// Submissions complete and waiting for an operator that no review letter has listed yet,
    /// oldest first.
    package func valuesAwaitingReviewLetter() throws -> [ValueVersion] {
        try Row.fetchAll(
            try statement(
                """
                SELECT \(Self.valueColumns) FROM valueVersion v
                WHERE v.state = 'review' AND v.supersededBy IS NULL AND v.sentForReviewAt IS NULL ORDER BY v.id
                """)
        ).map(Self.valueByPosition)
    }

    /// Records that a review letter lists these submissions.
    package func addReviewItems(letterID: Int64, valueIDs: [Int64], at now: Date) throws {
        for id in valueIDs {
            try statement("INSERT OR IGNORE INTO reviewItem (letterId, valueVersionId) VALUES (?, ?)").execute(arguments: [
                letterID, id,
            ])
            try statement("UPDATE valueVersion SET sentForReviewAt = coalesce(sentForReviewAt, ?) WHERE id = ?").execute(
                arguments: [now, id])
        }
    }

    /// The submissions a review letter listed.
    package func reviewItems(letterID: Int64) throws -> [Int64] {
        try Int64.fetchAll(
            try statement("SELECT valueVersionId FROM reviewItem WHERE letterId = ? ORDER BY valueVersionId"),
            arguments: [letterID])
    }

    /// Keeps an operator's decision in the review log (the version's own row holds only the
    /// result; this keeps who, when, from which message).
    package func logDecision(_ version: ValueVersion, inboundID: Int64?) throws {
        guard let operatorID = version.decidedBy, let decidedAt = version.decidedAt, version.state.isDecided else { return }
        try statement(
            """
            INSERT INTO review (valueVersionId, operatorId, decision, resolution, decidedAt, inboundId)
            VALUES (?, ?, ?, ?, ?, ?)
            """
        ).execute(arguments: [version.id, operatorID, version.state.rawValue, version.resolution, decidedAt, inboundID])
    }

    /// A stored document's bytes, name and page count.
    package func document(id: Int64) throws -> (fileName: String, bytes: [UInt8], pages: Int?)? {
        try Row.fetchOne(try statement("SELECT fileName, sha256, pages FROM document WHERE id = ?"), arguments: [id]).map {
            ($0["fileName"], try blobs.bytes($0["sha256"], of: "document \(id)"), $0["pages"])
        }
    }

    /// Letters of `purpose` to `contactID` since `since`.
    package func lettersSent(toContact contactID: Int64, purpose: LetterPurpose, since: Date) throws -> Int {
        try Int.fetchOne(
            try statement("SELECT count(*) FROM letter WHERE contactId = ? AND purpose = ? AND createdAt >= ?"),
            arguments: [contactID, purpose.rawValue, since]) ?? 0
    }

    /// The newest letter of `purpose` sent to anyone.
    package func lastLetter(purpose: LetterPurpose) throws -> Date? {
        try Date.fetchOne(try statement("SELECT max(createdAt) FROM letter WHERE purpose = ?"), arguments: [purpose.rawValue])
    }

    /// Failed outbox rows and failing addresses, for the operators' review letter.
    package func deliveryProblems() throws -> (failedLetters: [(recipient: String, error: String)], failingAddresses: [String]) {
        let failed = try Row.fetchAll(
            try statement("SELECT recipient, coalesce(lastError, '') AS error FROM outbox WHERE state = 'failed' ORDER BY id")
        ).map { (recipient: $0["recipient"] as String, error: $0["error"] as String) }
        let failing = try String.fetchAll(try statement("SELECT email FROM contact WHERE failing = 1 ORDER BY email"))
        return (failed, failing)
    }
}
