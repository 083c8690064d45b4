import IndigateCore

/// What Interpret needs to read a school's reply: the catalogue, the organisation's standing
/// in the round its letter named (before this reply), and where that round stands.
struct RespondentContext: Sendable {
    var catalogue: Catalogue
    var grammar: ReplyGrammar
    var organization: Organization
    var standing: RoundStanding
    var phase: RoundPhase
    /// The largest PDF taken as a document.
    var documentBytes: Int
}
