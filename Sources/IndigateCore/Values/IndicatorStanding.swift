/// Where one indicator of one organisation stands in a round: the version that counts now,
/// the last accepted value (in any round) when that is another version, and the lock. Every
/// letter, status view and reminder describes an indicator from this, so they agree.
package struct IndicatorStanding: Sendable, Equatable {
    package var indicator: Indicator
    /// The newest version in the round, if any.
    package var current: ValueVersion?
    /// The newest accepted version in any round, when it is not `current`.
    package var lastAccepted: ValueVersion?
    /// The current version is accepted and the round's next-data date has not passed: a new
    /// value is refused until then.
    package var locked: Bool

    package init(indicator: Indicator, current: ValueVersion?, lastAccepted: ValueVersion?, locksAccepted: Bool) {
        self.indicator = indicator
        self.current = current
        self.lastAccepted = lastAccepted?.id == current?.id ? nil : lastAccepted
        self.locked = current?.state == .accepted && locksAccepted
    }

    package var code: String { indicator.code }

    /// The indicator's status, as the portal's tabs sort it.
    package var status: Status {
        guard let current else { return .noData }
        switch current.state {
        case .awaitingDocument: return .awaitingDocument
        case .review: return .underReview
        case .accepted: return .accepted
        case .rejected: return .rejected
        }
    }

    /// The portal's tabs: in work (no data, or waiting for a document), rejected, under review,
    /// accepted.
    package enum Status: String, Sendable, Equatable, CaseIterable {
        case noData
        case awaitingDocument
        case underReview
        case accepted
        case rejected
    }
}
