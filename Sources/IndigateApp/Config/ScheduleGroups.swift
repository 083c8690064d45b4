extension IndigateConfig.Schedule {
    /// The keys of `groups_by_month`, January first.
    static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ]

    /// The groups the round of `month` (`YYYY-MM`) asks for: the month's own list in
    /// `groups_by_month` when it has one, else `groups`.
    package func groups(forMonth month: String) -> [String] {
        guard let number = Int(month.suffix(2)), (1...12).contains(number),
            let own = groupsByMonth?[Self.monthNames[number - 1]]
        else { return groups }
        return own
    }

    /// What is wrong with `groups_by_month`: keys that are not English month names.
    var groupsByMonthProblems: [String] {
        let bad = (groupsByMonth ?? [:]).keys.filter { !Self.monthNames.contains($0) }.sorted()
        return bad.isEmpty
            ? [] : ["schedule.groups_by_month: '\(bad.joined(separator: "', '"))' is not a month (january … december)"]
    }
}
