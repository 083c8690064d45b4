import IndigateCore

/// What the words after `ОТЧЁТ` choose, for a coordinator's reply to a digest and an operator's
/// reply to a review letter alike: an as-of date (`01.12.2019`: the values accepted before it),
/// a past round (`2020-09` or `09.2020`: what it ended with), `НОВЫЕ` (values not yet
/// reviewed), `CSV` (the table as CSV rather than Excel), and the other words as a
/// municipality's name (cleaned, at most 100 characters).
struct ReportAsk: Sendable, Equatable {
    var selection = ValueSelection.lastAccepted
    var format = DataTableFormat.xlsx
    var municipality: String?

    init(words: [String]) {
        var name: [String] = []
        for original in words {
            let word = original.lowercased()
            if let day = RoundDates.isoDay(fromRussian: word) {
                selection = .acceptedBefore(day)
            } else if let month = RoundDates.isoMonth(from: word) {
                selection = .round(month)
            } else if ["новые", "new"].contains(word) {
                selection = .new
            } else if word == "csv" {
                format = .csv
            } else {
                name.append(original)
            }
        }
        municipality = name.isEmpty ? nil : QuotedText.clean(name.joined(separator: " "), limit: 100)
    }
}
