import Foundation
import IndigateCore
import IndigateStore

/// The Classify stage: decides who wrote a parsed message and why, from its recipients'
/// tokens, its sender and the receiving server's checks. It reads the store (contacts, token
/// generations, earlier messages) and changes nothing.
///
/// The order matters: bounces and auto-replies are never answered; a message without a valid
/// token, or whose From is not the token's contact, or that the receiving server found forged
/// (DMARC), is refused and never answered to its sender.
struct Classifier: Sendable {
    let tokens: TokenVerifier
    /// `local@domain`; replies come to `local+<token>@domain`.
    let gatewayAddress: String
    /// `bounces@domain`; delivery reports come to `bounces+<token>@domain`.
    let bounceAddress: String
    let security: IndigateConfig.Security

    var ownDomain: String { String(gatewayAddress.split(separator: "@").last ?? "") }

    /// What `classify` reads from `message` alone (see `Addressing`).
    func addressing(of message: ParsedMessage) -> Addressing {
        // A reply names its token in the address; a new message carrying the filled request form
        // names it in the form.
        let addressed = message.recipients.lazy.compactMap({ MailAddress.token(in: $0, gateway: gatewayAddress) }).first
        let formToken = message.attachments.lazy.compactMap { $0.form?.tokens.first }.first.map {
            String($0.prefix(200)).lowercased()
        }
        return Addressing(
            bounceToken: message.recipients.lazy.compactMap({ MailAddress.token(in: $0, gateway: bounceAddress) }).first,
            autoReply: AutoReplyCheck.reason(message, ownDomain: ownDomain), replyToken: addressed ?? formToken)
    }

    /// - Parameters:
    ///   - addressing: what `addressing(of:)` read from `message`.
    ///   - released: an operator released the message from quarantine and vouches for its
    ///     sender: the From and authentication checks are skipped, nothing else is.
    func classify(
        _ message: ParsedMessage, addressing: Addressing, inboundID: Int64, released: Bool, tx: StoreTransaction, now: Date
    ) throws -> Verdict {
        if !released, let messageID = message.messageID, let from = message.from.first,
            try tx.isDuplicate(inboundID: inboundID, messageID: messageID, from: from)
        {
            return .ignore(.duplicateMessageID)
        }
        // Mail to the VERP address is a bounce (or an auto-reply to one): counted, never answered.
        if let text = addressing.bounceToken {
            guard case .success(let token) = tokens.verify(text, tx: tx, now: now), token.purpose == .bounce else {
                return .ignore(.invalidBounceToken)
            }
            guard let report = DeliveryReport.read(message) else { return .ignore(.notADeliveryReport) }
            let letter = try tx.letter(id: token.subjectID)
            return .bounce(report, letterID: letter == nil ? nil : token.subjectID, contactID: token.contactID)
        }
        if let reason = addressing.autoReply {
            if reason.isBounce, let report = DeliveryReport.read(message) {
                return .bounce(report, letterID: nil, contactID: nil)
            }
            return .ignore(reason)
        }
        // Either way the token is verified and its contact must be the From.
        guard let text = addressing.replyToken else {
            return try untokened(message, released: released, tx: tx, now: now)
        }
        let token: ReplyToken
        switch tokens.verify(text, tx: tx, now: now) {
        case .success(let value): token = value
        case .failure(let refusal): return .quarantine(QuarantineReason(refusal), tell: nil)
        }
        guard token.purpose != .bounce, let contact = try tx.contact(id: token.contactID) else {
            return .quarantine(.tokenMisused, tell: nil)
        }
        // The answer to an address change comes from the new address, not yet the contact's.
        if token.purpose == .confirm {
            guard let change = try tx.addressChange(id: token.subjectID), change.contactID == contact.id,
                released
                    || (message.from.count == 1 && !message.fromIsAmbiguous
                        && message.from.first?.lowercased() == change.newEmail.lowercased())
            else { return .quarantine(.fromMismatch, tell: nil) }
            if !released, let failure = authenticationFailure(message) { return .quarantine(failure, tell: nil) }
            return .addressConfirmation(contact, changeID: change.id)
        }
        if !released {
            guard message.from.count == 1, !message.fromIsAmbiguous, let from = message.from.first,
                try tx.address(from, belongsTo: contact.id)
            else {
                return .quarantine(.fromMismatch, tell: contact)
            }
            if let failure = authenticationFailure(message) { return .quarantine(failure, tell: contact) }
        }
        switch (token.purpose, contact.contact.role) {
        case (.digest, .coordinator): return .coordinator(contact)
        case (.review, .operator): return .operatorCommands(contact, reviewLetterID: token.subjectID)
        case (.request, .respondent), (.receipt, .respondent): return .respondent(contact, roundID: token.subjectID)
        default: return .quarantine(.notAllowed, tell: nil)
        }
    }

    /// A message without a reply token. From a registered contact, where the configuration
    /// allows it, the contact is asked to answer indigate's letter instead; released by an
    /// operator, a respondent's message counts as a reply to the current round. Anything else
    /// is refused.
    func untokened(_ message: ParsedMessage, released: Bool, tx: StoreTransaction, now: Date) throws -> Verdict {
        guard !message.fromIsAmbiguous, let from = message.from.first, let contact = try tx.contact(matching: from) else {
            return .quarantine(.noToken, tell: nil)
        }
        if released, contact.contact.role == .respondent, let round = try tx.currentRound(at: now) {
            return .respondent(contact, roundID: round.id)
        }
        guard security.answerUntokened, authenticationFailure(message) == nil else { return .quarantine(.noToken, tell: nil) }
        return .untokened(contact)
    }

    /// The first failure the receiving server reported, from Authentication-Results headers
    /// whose authserv-id is trusted; headers from anyone else are ignored.
    func authenticationFailure(_ message: ParsedMessage) -> QuarantineReason? {
        let trusted = Set(security.trustedAuthservIDs.map { $0.lowercased() })
        for header in message.authenticationResults {
            guard let results = AuthenticationResults(header: header), trusted.contains(results.authservID) else { continue }
            if results.has("dmarc", "fail") { return .dmarcFail }
            if security.quarantineSPFFail, results.has("spf", "fail"), !results.has("dkim", "pass") { return .spfFail }
        }
        return nil
    }
}
