import IndigateCore

/// The letter that tells a school its deadline moved (`ПРОДЛИТЬ ДО`): the new date, and what it
/// still owes by then, as a reminder says it.
struct DeadlineView: Letter {
    static let template = "deadline"

    var standing: RoundStanding
    var organization: Organization
    var calendar: RegionalCalendar

    var context: [String: Any] {
        var context = StandingContext(calendar: calendar).context(standing, organization: organization, deadlinePassed: false)
        let owed = standing.missing + standing.awaitingCorrection + standing.awaitingDocument
        context["owes"] = !owed.isEmpty
        context["example"] = owed.first.map { AnswerHelp.example($0.indicator) } ?? ""
        return context
    }
}
