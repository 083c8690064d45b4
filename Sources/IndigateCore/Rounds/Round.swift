import Foundation

/// A round (campaign): one month's request for values, with its deadline and the date after
/// which new data are expected (until then an accepted value stays locked).
package struct Round: Sendable, Equatable {
    package var id: Int64
    /// `YYYY-MM`.
    package var month: String
    /// `YYYY-MM-DD`, the last day values are due.
    package var deadline: String
    /// `YYYY-MM-DD`: accepted values lock input until this day has passed.
    package var nextDataAfter: String
    package var openedAt: Date
    /// The indicators this round asks for, in catalogue order.
    package var indicatorCodes: [String]

    package init(id: Int64, month: String, deadline: String, nextDataAfter: String, openedAt: Date, indicatorCodes: [String]) {
        self.id = id
        self.month = month
        self.deadline = deadline
        self.nextDataAfter = nextDataAfter
        self.openedAt = openedAt
        self.indicatorCodes = indicatorCodes
    }

    /// The round as one organisation has it: its own deadline (`ПРОДЛИТЬ`) when that is later
    /// than the round's, the round's otherwise.
    package func extended(to own: String?) -> Round {
        guard let own, own > deadline else { return self }
        var extended = self
        extended.deadline = own
        return extended
    }
}

/// Where a round stands for a reply that names it.
package enum RoundPhase: Sendable, Equatable {
    /// The round takes values; `late` after its deadline day has ended.
    case open(late: Bool)
    /// The next-data date has passed and a newer round is open: values go to that one.
    case closed(successor: Round)
}
