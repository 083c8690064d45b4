import Foundation
import IndigateCore

/// An organisation as stored, with its row id.
public struct StoredOrganization: Sendable, Equatable {
    public var id: Int64
    public var organization: Organization
}

/// A contact as stored, with its row id and delivery health.
public struct StoredContact: Sendable, Equatable {
    public var id: Int64
    public var organizationID: Int64
    public var contact: Contact
    /// A permanent delivery failure was reported for the address.
    public var failing: Bool
}

/// A letter in the durable outbox.
public struct OutboxRow: Sendable, Equatable {
    public var id: Int64
    public var letterID: Int64
    public var recipient: String
    public var envelopeFrom: String
    public var raw: [UInt8]
    public var state: OutboxState
    public var attempts: Int
    public var nextAttemptAt: Date
    /// When the letter entered the outbox (or was put back by an operator).
    public var queuedAt: Date?
}

/// Where a letter is on its way out.
public enum OutboxState: String, Sendable, Codable, CaseIterable {
    case queued, sending, sent, deferred, failed
}

/// What became of an inbound message.
public enum InboundOutcome: String, Sendable, Codable, CaseIterable {
    /// Archived, not yet handled (or a crash came before it was).
    case pending
    /// Handled: its effects and answer are committed.
    case applied
    /// Refused and kept for operators.
    case quarantined
    /// Deliberately not answered (an auto-reply, a bounce, a duplicate).
    case ignored
}

/// An archived inbound message.
public struct StoredInbound: Sendable, Equatable {
    public var id: Int64
    public var sha256: String
    public var raw: [UInt8]
    public var outcome: InboundOutcome
    public var parseAttempts: Int
    /// Passes that started handling it (counted before each, so a crash counts too).
    public var handleAttempts: Int
    /// The operator (or `cli`) who released it from quarantine: it is handled as if its
    /// sender were verified.
    public var releasedBy: String?
}
