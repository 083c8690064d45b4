import IndigateCore
import IndigateStore

/// A letter's view model: the template it renders and the values it fills in, built from the
/// domain model. Every sentence is in the template; the view holds data and flags only, with
/// anything a sender wrote already passed through `QuotedText`.
protocol Letter {
    /// The template's base name: `<name>.subject`, `<name>.txt` and, when `hasHTML`, `<name>.html`.
    static var template: String { get }
    /// Whether the letter has an HTML alternative.
    static var hasHTML: Bool { get }
    /// The Mustache context.
    var context: [String: Any] { get }
}

extension Letter {
    static var hasHTML: Bool { false }
}

/// The message a letter answers, for threading.
struct Answering: Sendable {
    var inboundID: Int64
    var messageID: String?
    var references: [String]

    init(inboundID: Int64, message: ParsedMessage) {
        self.inboundID = inboundID
        messageID = message.messageID
        references = message.references
    }
}

/// Who a letter goes to, why, and what a reply to it may do.
struct LetterEnvelope {
    var purpose: LetterPurpose
    var tokenPurpose: TokenPurpose
    var contact: StoredContact
    var organization: StoredOrganization
    var roundID: Int64?
    /// The token's subject: the round for requests and receipts; nil for the letter itself
    /// (review letters: a reply's commands apply to what that letter listed).
    var tokenSubjectID: Int64?
    var answering: Answering?

    /// A notice whose reply token has `token` and `subject`: a receipt's token names a round,
    /// and the letter then belongs to that round.
    static func notice(
        to contact: StoredContact, of organization: StoredOrganization, token: TokenPurpose, subject: Int64?,
        answering: Answering?
    ) -> LetterEnvelope {
        LetterEnvelope(
            purpose: .notice, tokenPurpose: token, contact: contact, organization: organization,
            roundID: token == .receipt ? subject : nil, tokenSubjectID: subject, answering: answering)
    }
}
