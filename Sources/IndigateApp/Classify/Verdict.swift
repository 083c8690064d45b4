import IndigateCore
import IndigateStore

/// Who wrote a message and why, as Classify decided it. Everything after Classify acts on the
/// verdict alone; nothing later looks at the token or the sender's address again.
enum Verdict: Sendable, Equatable {
    /// Left unanswered: an auto-reply, a loop, a duplicate.
    case ignore(IgnoreReason)
    /// A delivery report; `letter` is the VERP token's letter and contact, when there was one.
    case bounce(DeliveryReport, letterID: Int64?, contactID: Int64?)
    /// Refused and kept for operators; `tell` is the registered contact whose name was used.
    case quarantine(QuarantineReason, tell: StoredContact?)
    /// A registered contact wrote without a token: asked (once a day) to answer a letter.
    case untokened(StoredContact)
    /// A school's or МОУО's reply naming a round.
    case respondent(StoredContact, roundID: Int64)
    /// An operator's reply to a review letter.
    case operatorCommands(StoredContact, reviewLetterID: Int64)
    /// A coordinator's reply to a digest.
    case coordinator(StoredContact)
    /// The answer from a new address to the question an address change sent it (`АДРЕС`).
    case addressConfirmation(StoredContact, changeID: Int64)
}

extension Verdict {
    /// The verdict's kind, for the log.
    var label: String {
        switch self {
        case .ignore: "ignore"
        case .bounce: "bounce"
        case .quarantine: "quarantine"
        case .untokened: "untokened"
        case .respondent: "respondent"
        case .operatorCommands: "operator"
        case .coordinator: "coordinator"
        case .addressConfirmation: "address-confirmation"
        }
    }
}
