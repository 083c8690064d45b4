import Foundation
import IndigateCore

/// The one letter a school gets about the decisions of one operator's reply: what was accepted
/// (and locked until when), what was rejected with the resolution and how to correct it, and
/// the round's standing after the decisions.
struct DecisionView: Letter {
    static let template = "decision"

    /// The versions as decided (their new state), in the order decided.
    var decided: [ValueVersion]
    var standing: RoundStanding
    var organization: Organization
    var catalogue: Catalogue
    var deadlinePassed: Bool
    var calendar: RegionalCalendar

    var context: [String: Any] {
        let ids = Set(decided.map(\.id))
        var context = StandingContext(calendar: calendar)
            .context(standing, organization: organization, deadlinePassed: deadlinePassed, decidedNow: ids)
        func entry(_ version: ValueVersion) -> [String: Any] {
            [
                "code": version.indicatorCode, "question": catalogue.indicator(code: version.indicatorCode)?.question ?? "",
                "value": version.value.russianText, "at": version.decidedAt.map(calendar.dateTime) ?? "",
                "locked": standing.standing(of: version.indicatorCode)?.locked ?? false,
                "resolution": QuotedText.clean(version.resolution ?? "", limit: 2000),
            ]
        }
        let accepted = decided.filter { $0.state == .accepted }.map(entry)
        let rejected = decided.filter { $0.state == .rejected }.map(entry)
        context["accepted"] = accepted
        context["hasAccepted"] = !accepted.isEmpty
        context["rejected"] = rejected
        context["hasRejected"] = !rejected.isEmpty
        context["rejectedExample"] =
            decided.first { $0.state == .rejected }.flatMap { version in
                catalogue.indicator(code: version.indicatorCode).map(AnswerHelp.example)
            } ?? ""
        return context
    }
}
