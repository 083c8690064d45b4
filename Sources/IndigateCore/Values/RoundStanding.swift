/// An organisation's standing in a round, indicator by indicator, in catalogue order: what
/// receipts, decision letters, status letters and reminders summarise.
package struct RoundStanding: Sendable, Equatable {
    package var round: Round
    package var indicators: [IndicatorStanding]

    /// - Parameters:
    ///   - assigned: the indicators the organisation answers in the round
    ///     (`Catalogue.indicators(for:in:)`).
    ///   - current: the newest version of each indicator in the round, by code.
    ///   - lastAccepted: the newest accepted version of each indicator in any round, by code.
    ///   - locksAccepted: whether the round's accepted values are still locked
    ///     (`RoundClock.locksAcceptedValues`).
    package init(
        round: Round, assigned: [Indicator], current: [String: ValueVersion], lastAccepted: [String: ValueVersion],
        locksAccepted: Bool
    ) {
        self.round = round
        indicators = assigned.map {
            IndicatorStanding(
                indicator: $0, current: current[$0.code], lastAccepted: lastAccepted[$0.code], locksAccepted: locksAccepted)
        }
    }

    package func standing(of code: String) -> IndicatorStanding? {
        indicators.first { $0.code == code }
    }

    package func with(_ status: IndicatorStanding.Status) -> [IndicatorStanding] {
        indicators.filter { $0.status == status }
    }

    /// Nothing received yet.
    package var missing: [IndicatorStanding] { with(.noData) }
    package var awaitingDocument: [IndicatorStanding] { with(.awaitingDocument) }
    /// Rejected and not corrected yet.
    package var awaitingCorrection: [IndicatorStanding] { with(.rejected) }

    /// Everything asked has been sent, complete, and nothing waits for a correction.
    package var complete: Bool { missing.isEmpty && awaitingDocument.isEmpty && awaitingCorrection.isEmpty }

    /// Something is still owed: missing, waiting for a document, or rejected.
    package var owesSomething: Bool { !complete }
}
