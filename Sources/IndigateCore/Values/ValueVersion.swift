import Foundation

/// One version of one organisation's value for one indicator in one round. Versions are
/// never overwritten; a newer version supersedes the one before it, which stays in the history.
package struct ValueVersion: Sendable, Equatable {
    /// The number operators accept or reject («№ 1042»).
    package var id: Int64
    package var organizationID: Int64
    package var indicatorCode: String
    package var roundID: Int64
    /// Who sent it.
    package var contactID: Int64
    /// The message it came in.
    package var inboundID: Int64
    package var state: ValueState
    package var value: Value
    /// The confirmation document: required, or sent along although optional.
    package var documentID: Int64?
    package var submittedAt: Date
    /// Received after the round's deadline day.
    package var late: Bool
    package var decidedAt: Date?
    /// The operator who decided.
    package var decidedBy: Int64?
    package var resolution: String?
    /// The newer version that replaced this one, if any.
    package var supersededBy: Int64?

    package init(
        id: Int64, organizationID: Int64, indicatorCode: String, roundID: Int64, contactID: Int64, inboundID: Int64,
        state: ValueState, value: Value, documentID: Int64? = nil, submittedAt: Date, late: Bool = false,
        decidedAt: Date? = nil, decidedBy: Int64? = nil, resolution: String? = nil, supersededBy: Int64? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.indicatorCode = indicatorCode
        self.roundID = roundID
        self.contactID = contactID
        self.inboundID = inboundID
        self.state = state
        self.value = value
        self.documentID = documentID
        self.submittedAt = submittedAt
        self.late = late
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.resolution = resolution
        self.supersededBy = supersededBy
    }

    /// Where the version is in its life (see `ValueLife`).
    package var stage: ValueLife.Stage { ValueLife.stage(of: self) }
}
