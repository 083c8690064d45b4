import IndigateCore

/// A reminder to a school that still owes something: what is missing, what waits for its
/// document, what waits for a correction, and an example answer of the right type.
struct ReminderView: Letter {
    static let template = "reminder"

    var standing: RoundStanding
    var organization: Organization
    var deadlineToday: Bool
    var deadlinePassed: Bool
    var calendar: RegionalCalendar

    var context: [String: Any] {
        var context = StandingContext(calendar: calendar).context(
            standing, organization: organization, deadlinePassed: deadlinePassed)
        context["deadlineToday"] = deadlineToday
        let owed = standing.missing + standing.awaitingCorrection + standing.awaitingDocument
        context["example"] = owed.first.map { AnswerHelp.example($0.indicator) } ?? ""
        return context
    }
}
