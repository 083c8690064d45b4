import Foundation
import IndigateCore
import IndigateStore

/// Who a letter goes to and why, before it is rendered.
struct LetterEnvelope {
    var purpose: LetterPurpose
    var tokenPurpose: TokenPurpose
    var contact: StoredContact
    var organization: StoredOrganization
    var roundID: Int64?
    /// The token's subject: the round for requests and receipts; nil for the letter itself
    /// (review letters: a reply's commands apply to what that letter listed).
    var tokenSubjectID: Int64?
    /// The inbound message answered, for threading.
    var answering: (inboundID: Int64, messageID: String?, references: [String])?
}

extension Gateway {
    /// Renders `name`.subject/.txt/.html with `context`, composes the letter with GMime and
    /// puts it in the outbox, all inside the caller's transaction. Returns the letter's id, or
    /// nil when the recipient already got `limits.letters_per_recipient_per_hour` letters in
    /// the last hour (requests excepted): a flood of replies cannot make indigate mail-bomb.
    @discardableResult
    func enqueue(
        _ envelope: LetterEnvelope, template name: String, context: [String: Any], html: Bool,
        reason: String? = nil, attachments: [ParsedMessage.Attachment] = [], in tx: StoreTransaction, now: Date
    ) throws -> Int64? {
        if envelope.purpose != .request,
            try tx.lettersSent(toContact: envelope.contact.id, since: now.addingTimeInterval(-3600))
                >= config.limits.lettersPerRecipientPerHour
        {
            try tx.audit(
                actor: "indigate", action: "rate-limited",
                detail: "\(envelope.purpose.rawValue) to contact \(envelope.contact.id) not sent", at: now)
            logger.warning("rate limit reached", metadata: ["contact": "\(envelope.contact.id)"])
            return nil
        }
        var context = context
        context["marker"] = ReplyText.marker
        context["gatewayName"] = config.gateway.name
        context["region"] = config.region
        context["helpdesk"] = config.gateway.helpdesk
        let subject = templates.render(name + ".subject", context)
            .split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        let generation = try tx.tokenGeneration(contactID: envelope.contact.id) ?? 0
        let messageID = "indigate.\(UUID().uuidString.lowercased())@\(domain)"
        var references = envelope.answering?.references ?? []
        if let answered = envelope.answering?.messageID { references.append(answered) }
        let text = templates.render(name + ".txt", context)
        let htmlText = html ? templates.render(name + ".html", context) : nil
        return try tx.enqueueLetter(
            purpose: envelope.purpose, contactID: envelope.contact.id, roundID: envelope.roundID,
            inboundID: envelope.answering?.inboundID, messageID: messageID, subject: subject,
            recipient: envelope.contact.contact.email, reason: reason, at: now
        ) { letterID in
            let token = ReplyToken(
                contactID: envelope.contact.id, purpose: envelope.tokenPurpose,
                subjectID: envelope.tokenSubjectID ?? letterID, now: now, lifetimeDays: config.tokens.lifetimeDays)
            // VERP: a bounce comes back to bounces+<token>@domain and names this very letter.
            let bounceToken = ReplyToken(
                contactID: envelope.contact.id, purpose: .bounce, subjectID: letterID, now: now,
                lifetimeDays: config.tokens.lifetimeDays)
            let envelopeFrom = MailAddress.tagged(
                config.bounceAddress, tag: bounceToken.encoded(secret: secret, generation: generation))
            let letter = OutgoingLetter(
                fromName: config.gateway.name, fromAddress: config.gateway.address,
                toName: envelope.contact.contact.personName, toAddress: envelope.contact.contact.email,
                replyTo: MailAddress.tagged(config.gateway.address, tag: token.encoded(secret: secret, generation: generation)),
                subject: subject, messageID: messageID, inReplyTo: envelope.answering?.messageID,
                references: Array(references.suffix(10)), date: now,
                utcOffsetSeconds: calendar.timeZone.secondsFromGMT(for: now),
                headers: [
                    ("Auto-Submitted", envelope.purpose == .receipt ? "auto-replied" : "auto-generated"),
                    ("X-Auto-Response-Suppress", "All"),
                    ("X-Indigate-Loop", domain),
                    ("Precedence", "bulk"),
                ],
                text: text, html: htmlText, attachments: attachments)
            return (envelopeFrom, try composer.compose(letter))
        }
    }
}
