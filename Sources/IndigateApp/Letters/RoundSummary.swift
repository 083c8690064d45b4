import IndigateCore
import IndigateStore

/// An organisation's standing in a round, indicator by indicator: the short summary that ends
/// every receipt and notice.
struct RoundSummary {
    var round: StoredRound
    var indicators: [Indicator]
    var latest: [String: StoredValue]
    var calendar: RegionalCalendar

    /// Indicators with no value yet, or whose value was rejected.
    var missing: [Indicator] {
        indicators.filter { latest[$0.code] == nil || latest[$0.code]?.state == .rejected }
    }

    var waitingForDocument: [Indicator] {
        indicators.filter { latest[$0.code]?.state == .saved }
    }

    /// The portal's tabs: in work (nothing yet, or waiting for a document), rejected, under
    /// review, accepted.
    func tabs() -> [String: Any] {
        func list(_ states: [ValueState?]) -> [[String: Any]] {
            indicators.filter { states.contains(latest[$0.code]?.state) }.map { indicator in
                ["code": indicator.code, "question": indicator.question, "status": status(of: indicator)]
            }
        }
        let inWork = list([nil, .saved])
        let rejected = list([.rejected])
        let review = list([.review])
        let accepted = list([.accepted])
        return [
            "inWork": inWork, "hasInWork": !inWork.isEmpty, "rejectedTab": rejected, "hasRejectedTab": !rejected.isEmpty,
            "reviewTab": review, "hasReviewTab": !review.isEmpty, "acceptedTab": accepted, "hasAcceptedTab": !accepted.isEmpty,
        ]
    }

    /// The summary with the organisation it is about, as every letter to a school starts.
    func context(for organization: Organization) -> [String: Any] {
        var context = context()
        context["organization"] = organization.shortName
        context["inn"] = organization.inn
        return context
    }

    func context() -> [String: Any] {
        [
            "month": calendar.monthTitle(round.month),
            "deadline": RoundDates.display(round.deadline),
            "nextDataAfter": RoundDates.display(round.nextDataAfter),
            "summary": indicators.map { indicator -> [String: Any] in
                ["code": indicator.code, "status": status(of: indicator)]
            },
            "missing": missing.map { ["code": $0.code, "question": $0.question] },
            "hasMissing": !missing.isEmpty,
            "missingCount": missing.count,
            "waiting": waitingForDocument.map { ["code": $0.code, "document": $0.document ?? ""] },
            "hasWaiting": !waitingForDocument.isEmpty,
            "complete": missing.isEmpty && waitingForDocument.isEmpty,
        ]
    }

    func status(of indicator: Indicator) -> String {
        guard let value = latest[indicator.code] else { return "нет данных" }
        switch value.state {
        case .saved: return "\(value.value.russianText) — сохранено, ожидается документ (PDF)"
        case .review: return "\(value.value.russianText) — на проверке"
        case .accepted:
            return "Последние принятые данные: \(value.value.russianText) (\(value.decidedAt.map(calendar.dateTime) ?? "")). Ввод запрещен"
        case .rejected:
            return "Значение '\(value.value.russianText)' было отклонено ранее" + (value.resolution.map { ". Резолюция: \($0)" } ?? "")
        }
    }
}
