import IndigateCore

/// What a coordinator's reply to a digest asks for: the digest again, of a chosen selection.
/// Coordinators change nothing; values they write are noted, not recorded.
struct CoordinatorPlan: Sendable, Equatable {
    var selection: ValueSelection
    /// The data table's file: Excel, or CSV when asked.
    var format: DataTableFormat = .xlsx
    /// The reply has value lines, which a coordinator may not give.
    var triedValues: Bool
    /// A line «КАТАЛОГ»: every indicator of the catalogue. Alone, it is all the reply asks.
    var asksCatalogue = false
    /// A line «ОТЧЁТ …».
    var asksReport = false
    /// The rest of the ОТЧЁТ line that is no date or keyword: a municipality's name, which the
    /// regional coordinator may ask for (`ОТЧЁТ Еткульский`); cleaned, at most 100 characters.
    var municipality: String?

    /// The digest goes out for any reply but one that only asks for the catalogue.
    var wantsDigest: Bool { asksReport || !asksCatalogue }
}

/// The Interpret stage for a coordinator's reply: pure. `ОТЧЁТ` (also `ОТЧЕТ`, `REPORT`), with
/// an optional as-of date (`ОТЧЁТ 01.12.2019`) or `НОВЫЕ` (values not yet reviewed), and `CSV`
/// for the table as CSV rather than Excel, and a municipality's name for the regional coordinator
/// (`ОТЧЁТ Еткульский НОВЫЕ`), asks for the digest; any reply gets it.
enum CoordinatorInterpreter {
    static func plan(_ message: ParsedMessage, grammar: ReplyGrammar) -> CoordinatorPlan {
        let text = ReplyText.newText(of: message.text)
        var ask = ReportAsk(words: [])
        var asksCatalogue = false
        var asksReport = false
        for line in text.split(whereSeparator: \.isNewline) {
            let written = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).prefix(8).map(String.init)
            let words = written.map { $0.lowercased() }
            if words.count == 1, RequestWord.catalogue.contains(words[0]) { asksCatalogue = true }
            guard !asksReport, let verb = words.first, ["отчёт", "отчет", "report"].contains(verb) else { continue }
            asksReport = true
            ask = ReportAsk(words: Array(written.dropFirst()))
        }
        let triedValues = grammar.read(text).contains { if case .registration = $0 { false } else { true } }
        return CoordinatorPlan(
            selection: ask.selection, format: ask.format, triedValues: triedValues, asksCatalogue: asksCatalogue,
            asksReport: asksReport, municipality: ask.municipality)
    }
}
