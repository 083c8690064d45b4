import IndigateCore

/// Why a message was set aside for operators. The raw value is what the store keeps and the
/// CLI prints; people read the reason in words from `phrases/reason.txt.mustache`.
package enum QuarantineReason: String, Sendable, Equatable, CaseIterable {
    /// The parser crashed or hung on it three times.
    case parserFailed = "parser-failed"
    /// Handling it crashed the daemon three times.
    case handlingFailed = "handling-failed"
    /// GMime read it and found it unusable (not a message, too many parts, a hostile header).
    case unreadable
    /// Over `limits.message_bytes`: archived in part, the original left in the mailbox.
    case tooLarge = "too-large"
    /// No reply token, and the sender is not a registered contact (or untokened mail is not answered).
    case noToken = "no-token"
    /// The token is not one indigate made.
    case tokenMalformed = "token-malformed"
    /// Forged, altered, signed by a retired secret, or revoked.
    case tokenBadSignature = "token-badSignature"
    case tokenExpired = "token-expired"
    /// The token names a contact that does not exist.
    case tokenUnknownContact = "token-unknownContact"
    /// A bounce token used as a reply address.
    case tokenMisused = "token-misused"
    /// From is not the token's contact (or has several mailboxes, or is ambiguous).
    case fromMismatch = "from-mismatch"
    /// The receiving server's DMARC check failed.
    case dmarcFail = "dmarc-fail"
    /// The receiving server's SPF check failed and DKIM did not pass.
    case spfFail = "spf-fail"
    /// The contact's role may not answer that kind of letter (a coordinator's values).
    case notAllowed = "not-allowed"
    /// Handling it failed in a way nobody planned for; it is kept whole.
    case internalError = "internal-error"

    init(_ refusal: ReplyToken.Refusal) {
        switch refusal {
        case .malformed: self = .tokenMalformed
        case .badSignature: self = .tokenBadSignature
        case .expired: self = .tokenExpired
        case .unknownContact: self = .tokenUnknownContact
        }
    }

    /// Refusals that the registered contact is told about (at their own address): someone
    /// wrote in their name.
    var tellsContact: Bool { self == .fromMismatch || self == .dmarcFail || self == .spfFail }
}
