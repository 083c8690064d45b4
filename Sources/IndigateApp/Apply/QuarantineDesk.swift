import Foundation
import IndigateStore

/// Releasing and dropping quarantine entries, for operators' commands and the CLI alike.
/// Releasing never handles the message in the releaser's transaction: it goes back to intake
/// as a message of its own, vouched for by the releaser, and the next intake pass handles it
/// in its own savepoint — so a message can never release itself, or anything inside another.
struct QuarantineDesk: Sendable {
    /// Why an entry cannot be released or dropped.
    enum Refusal: Error, Equatable {
        case noEntry
        case alreadyClosed(released: Bool)
        /// Over the size limit, only its first part is archived: there is nothing whole to
        /// handle (the original is in the mailbox; raise the limit and deliver it again).
        case archivedInPart(size: Int)
    }

    /// Marks entry `id` released and hands its message back to intake. Returns the entry.
    func release(id: Int64, by actor: String, tx: StoreTransaction, now: Date) throws -> Result<QuarantineEntry, Refusal> {
        switch try openEntry(id, tx: tx) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let entry):
            if let size = try tx.handlingState(inboundID: entry.inboundID)?.fullSize { return .failure(.archivedInPart(size: size)) }
            try tx.closeQuarantine(id: id, released: true, at: now)
            try tx.requeueReleased(inboundID: entry.inboundID, by: actor)
            try tx.audit(actor: actor, action: "quarantine-release", detail: "entry \(id), inbound \(entry.inboundID)", at: now)
            return .success(entry)
        }
    }

    /// Closes entry `id` without handling its message (the raw bytes stay archived).
    func drop(id: Int64, by actor: String, tx: StoreTransaction, now: Date) throws -> Result<QuarantineEntry, Refusal> {
        switch try openEntry(id, tx: tx) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let entry):
            try tx.closeQuarantine(id: id, released: false, at: now)
            try tx.audit(actor: actor, action: "quarantine-drop", detail: "entry \(id), inbound \(entry.inboundID)", at: now)
            return .success(entry)
        }
    }

    func openEntry(_ id: Int64, tx: StoreTransaction) throws -> Result<QuarantineEntry, Refusal> {
        guard let entry = try tx.quarantineEntry(id: id) else { return .failure(.noEntry) }
        if entry.releasedAt != nil { return .failure(.alreadyClosed(released: true)) }
        if entry.droppedAt != nil { return .failure(.alreadyClosed(released: false)) }
        return .success(entry)
    }
}
