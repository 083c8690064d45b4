import IndigateCore

/// The request letter of a round: the organisation's own indicators grouped as in the
/// catalogue, how to answer each, and only the answer types and documents they need.
struct RequestView: Letter {
    static let template = "request"
    static let hasHTML = true

    var organization: Organization
    var contact: Contact
    var round: Round
    var indicators: [Indicator]
    var catalogue: Catalogue
    var calendar: RegionalCalendar

    var context: [String: Any] {
        let codes = Set(indicators.map(\.code))
        let groups: [[String: Any]] = catalogue.groups.compactMap { group in
            let own = group.indicators.filter { codes.contains($0.code) }
            guard !own.isEmpty else { return nil }
            return ["title": group.title, "indicators": own.map(Self.indicatorContext)]
        }
        var context = AnswerHelp.context(indicators)
        context["organization"] = organization.shortName
        context["inn"] = organization.inn
        context["month"] = calendar.monthTitle(round.month)
        context["deadline"] = RoundDates.display(round.deadline)
        context["nextDataAfter"] = RoundDates.display(round.nextDataAfter)
        context["askRegistration"] = contact.personName.isEmpty || contact.position.isEmpty || contact.phone.isEmpty
        context["groups"] = groups
        context["count"] = RussianPlural.context(indicators.count)
        return context
    }

    static func indicatorContext(_ indicator: Indicator) -> [String: Any] {
        [
            "code": indicator.code,
            "question": indicator.question,
            "isNumeric": indicator.type == .numeric,
            "isYesNo": indicator.type == .yesno,
            "isPercentage": indicator.type == .percentage,
            "part1": indicator.parts.first ?? "",
            "part2": indicator.parts.dropFirst().first ?? "",
            "hasDocument": indicator.document != nil,
            "document": indicator.document ?? "",
        ]
    }
}

/// How to answer, for a given set of indicators: one example line per answer type they have,
/// with their own codes, and flags so `phrases/how-to-answer.txt` explains only those types and
/// documents. Requests, receipts and reminders explain answering the same way.
enum AnswerHelp {
    static func context(_ indicators: [Indicator]) -> [String: Any] {
        let documented = indicators.first { $0.document != nil }
        return [
            "examples": examples(indicators).map { ["line": $0] },
            "hasNumeric": indicators.contains { $0.type == .numeric },
            "hasYesNo": indicators.contains { $0.type == .yesno },
            "hasPercentage": indicators.contains { $0.type == .percentage },
            "hasDocuments": documented != nil,
            "documentCode": documented?.code ?? "",
        ]
    }

    /// One example line per answer type, with the indicators' own codes.
    static func examples(_ indicators: [Indicator]) -> [String] {
        var lines: [String] = []
        if let numeric = indicators.first(where: { $0.type == .numeric }) { lines.append(example(numeric)) }
        if let yesno = indicators.first(where: { $0.type == .yesno }) { lines.append(example(yesno)) }
        if let percentage = indicators.first(where: { $0.type == .percentage }) { lines.append(example(percentage)) }
        return lines
    }

    /// An example answer for one indicator, of its own type.
    static func example(_ indicator: Indicator) -> String {
        switch indicator.type {
        case .numeric: "\(indicator.code): 125"
        case .yesno: "\(indicator.code): Да"
        case .percentage: "\(indicator.code): 45 / 300"
        }
    }
}
