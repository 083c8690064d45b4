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

    /// A line «АДРЕС [ИНН] новый@адрес»: a new address for the coordinator, or for a respondent
    /// of an organisation in their scope.
    var address: AddressRequest? = nil
    /// `ФИО:`, `Должность:`, `Телефон:` lines: the coordinator's own details (the value lines
    /// they may not give are `triedValues`).
    var details: [ContactDetail] = []

    /// One `ФИО:`/`Должность:`/`Телефон:` line's field and value.
    struct ContactDetail: Sendable, Equatable {
        var field: RegistrationField
        var value: String
    }

    /// The digest goes out for any reply but one that only asks for the catalogue or an address.
    var wantsDigest: Bool { asksReport || (!asksCatalogue && address == nil) }
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
            guard !asksReport, let verb = words.first, CommandGrammar.reportWords.contains(verb) else { continue }
            asksReport = true
            ask = ReportAsk(words: Array(written.dropFirst()))
        }
        let lines = grammar.read(text)
        let triedValues = lines.contains { if case .registration = $0 { false } else { true } }
        let details = lines.compactMap { line -> CoordinatorPlan.ContactDetail? in
            guard case .registration(let field, _, let value) = line, !value.isEmpty else { return nil }
            return .init(field: field, value: value)
        }
        return CoordinatorPlan(
            selection: ask.selection, format: ask.format, triedValues: triedValues, asksCatalogue: asksCatalogue,
            asksReport: asksReport, municipality: ask.municipality, address: AddressRequest.read(text), details: details)
    }
}
