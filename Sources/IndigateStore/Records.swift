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

/// A round (campaign) as stored.
public struct StoredRound: Sendable, Equatable {
    public var id: Int64
    /// `YYYY-MM`.
    public var month: String
    /// `YYYY-MM-DD`, the last day values are due.
    public var deadline: String
    /// `YYYY-MM-DD`: accepted values lock input until this day has passed.
    public var nextDataAfter: String
    public var openedAt: Date
    /// The indicators this round asks for, in catalogue order.
    public var indicatorCodes: [String]
}

/// One version of a value. A version is never overwritten; only its state moves forward.
public struct StoredValue: Sendable, Equatable {
    public var id: Int64
    public var organizationID: Int64
    public var indicatorCode: String
    public var roundID: Int64
    public var contactID: Int64
    public var inboundID: Int64
    public var state: ValueState
    public var value: Value
    public var documentID: Int64?
    public var submittedAt: Date
    public var late: Bool
    public var decidedAt: Date?
    public var resolution: String?
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
}
