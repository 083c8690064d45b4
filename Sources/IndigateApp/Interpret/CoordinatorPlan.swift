import IndigateCore

/// What a coordinator's reply to a digest asks for: the digest again, of a chosen selection.
/// Coordinators change nothing; values they write are noted, not recorded.
struct CoordinatorPlan: Sendable, Equatable {
    var selection: ValueSelection
    /// The reply has value lines, which a coordinator may not give.
    var triedValues: Bool
}

/// The Interpret stage for a coordinator's reply: pure. `ОТЧЁТ` (also `ОТЧЕТ`, `REPORT`), with
/// an optional as-of date (`ОТЧЁТ 01.12.2019`), asks for the digest; any reply gets it.
enum CoordinatorInterpreter {
    static func plan(_ message: ParsedMessage, grammar: ReplyGrammar) -> CoordinatorPlan {
        let text = ReplyText.newText(of: message.text)
        var selection = ValueSelection.lastAccepted
        for line in text.split(whereSeparator: \.isNewline) {
            let words = line.split(separator: " ").map(String.init)
            guard let verb = words.first?.lowercased(), ["отчёт", "отчет", "report"].contains(verb) else { continue }
            if let day = words.dropFirst().first.flatMap(RoundDates.isoDay(fromRussian:)) { selection = .acceptedBefore(day) }
            break
        }
        let triedValues = grammar.read(text).contains { if case .registration = $0 { false } else { true } }
        return CoordinatorPlan(selection: selection, triedValues: triedValues)
    }
}
