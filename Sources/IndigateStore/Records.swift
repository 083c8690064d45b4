import Foundation
import IndigateCore

/// An organisation as stored, with its row id.
package struct StoredOrganization: Sendable, Equatable {
    package var id: Int64
    package var organization: Organization
}

/// A contact as stored, with its row id and delivery health.
package struct StoredContact: Sendable, Equatable {
    package var id: Int64
    package var organizationID: Int64
    package var contact: Contact
    /// A permanent delivery failure was reported for the address.
    package var failing: Bool
}

/// A letter in the durable outbox.
package struct OutboxRow: Sendable, Equatable {
    package var id: Int64
    package var letterID: Int64
    package var recipient: String
    package var envelopeFrom: String
    package var raw: [UInt8]
    package var state: OutboxState
    package var attempts: Int
    package var nextAttemptAt: Date
    /// When the letter entered the outbox (or was put back by an operator).
    package var queuedAt: Date?
}

/// Where a letter is on its way out.
package enum OutboxState: String, Sendable, Codable, CaseIterable {
    case queued, sending, sent, deferred, failed
}

/// What became of an inbound message.
package enum InboundOutcome: String, Sendable, Codable, CaseIterable {
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
package struct StoredInbound: Sendable, Equatable {
    package var id: Int64
    package var sha256: String
    package var raw: [UInt8]
    package var outcome: InboundOutcome
    package var parseAttempts: Int
    /// Passes that started handling it (counted before each, so a crash counts too).
    package var handleAttempts: Int
    /// The operator (or `cli`) who released it from quarantine: it is handled as if its
    /// sender were verified.
    package var releasedBy: String?
    /// For a message over the size limit, archived in part: its full size.
    package var fullSize: Int?
}
