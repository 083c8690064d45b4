import IndigateCore
import IndigateStore

/// The context of a request letter: the round, the organisation's own indicators grouped as
/// in the catalogue, how to answer each, and examples made from them.
enum RequestLetter {
    static func context(
        organization: Organization, contact: Contact, round: StoredRound, indicators: [Indicator],
        catalogue: Catalogue, calendar: RegionalCalendar
    ) -> [String: Any] {
        let codes = Set(indicators.map(\.code))
        let groups: [[String: Any]] = catalogue.groups.compactMap { group in
            let own = group.indicators.filter { codes.contains($0.code) }
            guard !own.isEmpty else { return nil }
            return ["title": group.title, "indicators": own.map(indicatorContext)]
        }
        return [
            "organization": organization.shortName,
            "inn": organization.inn,
            "month": calendar.monthTitle(round.month),
            "deadline": RoundDates.display(round.deadline),
            "nextDataAfter": RoundDates.display(round.nextDataAfter),
            "askRegistration": contact.personName.isEmpty || contact.position.isEmpty || contact.phone.isEmpty,
            "groups": groups,
            "count": indicators.count,
            "examples": examples(indicators).map { ["line": $0] },
        ]
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

    /// One example line per answer type the organisation has, with its own codes.
    static func examples(_ indicators: [Indicator]) -> [String] {
        var lines: [String] = []
        if let numeric = indicators.first(where: { $0.type == .numeric }) { lines.append("\(numeric.code): 125") }
        if let yesno = indicators.first(where: { $0.type == .yesno }) { lines.append("\(yesno.code): Да") }
        if let percentage = indicators.first(where: { $0.type == .percentage }) {
            lines.append("\(percentage.code): 45 / 300")
        }
        return lines
    }
}

/// Round dates are stored as `YYYY-MM-DD` and shown as `ДД.ММ.ГГГГ`.
enum RoundDates {
    static func display(_ day: String) -> String {
        let parts = day.split(separator: "-")
        guard parts.count == 3 else { return day }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }

    /// `YYYY-MM-DD` for `day` of a month, or the month's last day when it is shorter.
    static func day(year: Int, month: Int, day: Int) -> String {
        String(format: "%04d-%02d-%02d", year, month, min(day, daysIn(year: year, month: month)))
    }

    /// `day(year:month:day:)` for a `YYYY-MM` month.
    static func day(month: String, day: Int) -> String {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return month }
        return self.day(year: parts[0], month: parts[1], day: day)
    }

    static func daysIn(year: Int, month: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(month - 1) % 12]
    }

    /// Whether `text` is a real `YYYY-MM-DD` date.
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (2000...2100).contains(year), (1...12).contains(month)
        else { return false }
        return (1...daysIn(year: year, month: month)).contains(day)
    }
}
