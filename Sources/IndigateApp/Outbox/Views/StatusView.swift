import Foundation
import IndigateCore

/// A school's own view of the round, as the portal's four tabs: in work, rejected, under
/// review, accepted — each indicator with its status, and the last accepted value beside a
/// newer one under review. An operator's copy (`СТАТУС <ИНН>`) adds the history of every value.
struct StatusView: Letter {
    static let template = "status"

    var standing: RoundStanding
    var organization: Organization
    var deadlinePassed: Bool
    var calendar: RegionalCalendar
    /// The operator's copy: every version of the month with who sent and who decided it.
    var history: ValueHistory? = nil

    var context: [String: Any] {
        let standingContext = StandingContext(calendar: calendar)
        var context = standingContext.context(standing, organization: organization, deadlinePassed: deadlinePassed)
        func tab(_ statuses: [IndicatorStanding.Status]) -> [[String: Any]] {
            standing.indicators.filter { statuses.contains($0.status) }.map { standingContext.indicator($0) }
        }
        let tabs = [
            ("inWork", tab([.noData, .awaitingDocument])), ("rejectedTab", tab([.rejected])),
            ("reviewTab", tab([.underReview])), ("acceptedTab", tab([.accepted])),
        ]
        for (name, list) in tabs {
            context[name] = list
            context["has" + name.prefix(1).uppercased() + name.dropFirst()] = !list.isEmpty
        }
        context["forOperator"] = history != nil
        let entries = history?.context(calendar: calendar) ?? []
        context["history"] = entries
        context["hasHistory"] = !entries.isEmpty
        return context
    }
}
