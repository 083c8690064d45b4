import Foundation
import IndigateCore
import IndigateStore

/// A quarantine entry that cannot be released or dropped, and why.
public struct QuarantineError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension Gateway {
    public func quarantineEntries(all: Bool) throws -> [QuarantineEntry] {
        try store.read { tx in try tx.quarantineEntries(includeClosed: all) }
    }

    /// Handles a quarantined message as if its sender had passed the checks (an operator
    /// vouches for it). It must still name a contact: by its token, or by a registered From.
    public func releaseQuarantine(id: Int64, by actor: String, now: Date) throws -> MessageOutcome {
        try store.write { tx in try releaseQuarantine(id: id, by: actor, tx: tx, now: now) }
    }

    func releaseQuarantine(id: Int64, by actor: String, tx: StoreTransaction, now: Date) throws -> MessageOutcome {
        guard let entry = try tx.quarantineEntry(id: id), let inbound = try tx.inbound(id: entry.inboundID) else {
            throw QuarantineError(message: "no quarantine entry \(id)")
        }
        guard entry.releasedAt == nil, entry.droppedAt == nil else {
            throw QuarantineError(message: "quarantine entry \(id) was already \(entry.releasedAt != nil ? "released" : "dropped")")
        }
        return try tx.savepoint {
            let outcome = try handle(
                inboundID: entry.inboundID, parsed: parsing.parse(inbound.raw), context: try HandlingContext(tx: tx),
                tx: tx, now: now, released: true)
            if case .quarantined(_, let reason) = outcome {
                throw QuarantineError(message: "quarantine entry \(id) still cannot be handled: \(reason)")
            }
            try tx.closeQuarantine(id: id, released: true, at: now)
            try tx.audit(actor: actor, action: "quarantine-release", detail: "entry \(id), inbound \(entry.inboundID)", at: now)
            return outcome
        }
    }

    /// Closes a quarantine entry without handling the message (its raw bytes stay archived).
    public func dropQuarantine(id: Int64, by actor: String, now: Date) throws {
        try store.write { tx in try dropQuarantine(id: id, by: actor, tx: tx, now: now) }
    }

    func dropQuarantine(id: Int64, by actor: String, tx: StoreTransaction, now: Date) throws {
        guard let entry = try tx.quarantineEntry(id: id), entry.releasedAt == nil, entry.droppedAt == nil else {
            throw QuarantineError(message: "no open quarantine entry \(id)")
        }
        try tx.closeQuarantine(id: id, released: false, at: now)
        try tx.audit(actor: actor, action: "quarantine-drop", detail: "entry \(id), inbound \(entry.inboundID)", at: now)
    }

    /// Voids every reply token issued to a contact (by address) or to every contact of an
    /// organisation (by INN). Letters sent later carry new tokens.
    public func revokeTokens(contact email: String?, organization inn: String?, now: Date) throws -> Int {
        try store.write { tx in
            var count = 0
            if let email {
                guard let contact = try tx.contact(email: email.lowercased()) else {
                    throw QuarantineError(message: "no contact \(email)")
                }
                try tx.revokeTokens(contactID: contact.id)
                count += 1
            }
            if let inn {
                guard let organization = try tx.organization(inn: inn) else { throw QuarantineError(message: "no organisation \(inn)") }
                count += try tx.revokeTokens(organizationID: organization.id)
            }
            try tx.audit(actor: "cli", action: "token-revoke", detail: "\(email ?? "") \(inn ?? ""): \(count) contacts", at: now)
            return count
        }
    }
}
