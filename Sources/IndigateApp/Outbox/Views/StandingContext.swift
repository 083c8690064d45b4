import Foundation
import IndigateCore

/// The part every letter to a school shares: the organisation, the round's dates and its
/// standing indicator by indicator, as `phrases/standing.txt` words it. Built from one
/// `RoundStanding`, so a receipt, a decision letter, a status letter and a reminder written at
/// the same moment say the same thing about every value.
struct StandingContext {
    let calendar: RegionalCalendar

    /// - Parameter decidedNow: versions decided by the letter that carries this summary: their
    ///   status says «отклонено», not «было отклонено ранее».
    func context(
        _ standing: RoundStanding, organization: Organization, deadlinePassed: Bool, decidedNow: Set<Int64> = []
    ) -> [String: Any] {
        let missing = standing.missing
        let waiting = standing.awaitingDocument
        let corrections = standing.awaitingCorrection
        return [
            "organization": organization.shortName,
            "inn": organization.inn,
            "month": calendar.monthTitle(standing.round.month),
            "deadline": RoundDates.display(standing.round.deadline),
            "nextDataAfter": RoundDates.display(standing.round.nextDataAfter),
            "deadlinePassed": deadlinePassed,
            "summary": standing.indicators.map { indicator($0, decidedNow: decidedNow) },
            "missing": missing.map { ["code": $0.code, "question": $0.indicator.question] },
            "hasMissing": !missing.isEmpty,
            "waiting": waiting.map { ["code": $0.code, "document": $0.indicator.document ?? ""] },
            "hasWaiting": !waiting.isEmpty,
            "corrections": corrections.map { indicator($0, decidedNow: decidedNow) },
            "hasCorrections": !corrections.isEmpty,
            "complete": standing.complete,
            "hasLocked": standing.indicators.contains(where: \.locked),
        ]
    }

    /// One indicator: its code and question, and its status as flags for `phrases/status.txt`.
    func indicator(_ standing: IndicatorStanding, decidedNow: Set<Int64> = []) -> [String: Any] {
        ["code": standing.code, "question": standing.indicator.question, "status": status(standing, decidedNow: decidedNow)]
    }

    static let statuses = IndicatorStanding.Status.allCases.map(\.rawValue)

    func status(_ standing: IndicatorStanding, decidedNow: Set<Int64> = []) -> [String: Any] {
        var context: [String: Any] = Flags.only(standing.status.rawValue, among: Self.statuses)
        if let current = standing.current {
            context["value"] = current.value.russianText
            context["submittedAt"] = calendar.dateTime(current.submittedAt)
            context["late"] = current.late
            if let decided = current.decidedAt { context["decidedAt"] = calendar.dateTime(decided) }
            if let resolution = current.resolution { context["resolution"] = QuotedText.clean(resolution, limit: 2000) }
            context["decidedNow"] = decidedNow.contains(current.id) && current.state == .rejected
            context["document"] = standing.indicator.document ?? ""
        }
        context["locked"] = standing.locked
        context["lastAccepted"] = false
        if let accepted = standing.lastAccepted, let at = accepted.decidedAt {
            context["lastAccepted"] = ["value": accepted.value.russianText, "at": calendar.dateTime(at)]
        }
        return context
    }
}
