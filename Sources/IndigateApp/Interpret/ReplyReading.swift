import IndigateCore

/// What a school's reply says whatever the state: the text its sender wrote (quoted originals
/// cut off, forwarded replies' own text added), the lines the reply grammar reads in it, and
/// whether it asks for the status, the catalogue or a new address. It needs only the message
/// and the grammar, so it is read beside the parse, off the thread that holds the write
/// transaction (`PreparedMessage`); `RespondentInterpreter` then checks it against the
/// standing.
struct ReplyReading: Sendable, Equatable {
    /// The text the sender wrote in the body (`ReplyText.newText`).
    var ownText: String
    /// The grammar's lines of the new text, body first then forwarded texts (not the forms:
    /// reading a form needs the organisation and round it names).
    var lines: [ReplyLine]
    var asksStatus: Bool
    var asksCatalogue: Bool
    /// A request to change the address, from the sender's own text only.
    var address: AddressRequest?

    init(_ message: ParsedMessage, grammar: ReplyGrammar) {
        ownText = ReplyText.newText(of: message.text)
        let newText = ([ownText] + message.forwardedTexts.map(ReplyText.newText(of:))).joined(separator: "\n")
        let words = RequestWord.written(in: newText)
        asksStatus = !words.isDisjoint(with: RequestWord.status)
        asksCatalogue = !words.isDisjoint(with: RequestWord.catalogue)
        address = AddressRequest.read(ownText)
        lines = grammar.read(newText)
    }
}
