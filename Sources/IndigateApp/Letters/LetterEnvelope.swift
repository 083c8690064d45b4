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
    /// The token's subject: the round for requests and receipts.
    var tokenSubjectID: Int64
    /// The inbound message answered, for threading.
    var answering: (inboundID: Int64, messageID: String?, references: [String])?
}

extension Gateway {
    /// Renders `name`.subject/.txt/.html with `context`, composes the letter with GMime and
    /// puts it in the outbox, all inside the caller's transaction.
    @discardableResult
    func enqueue(
        _ envelope: LetterEnvelope, template name: String, context: [String: Any], html: Bool,
        in tx: StoreTransaction, now: Date
    ) throws -> Int64 {
        var context = context
        context["marker"] = ReplyText.marker
        context["gatewayName"] = config.gateway.name
        context["region"] = config.region
        context["helpdesk"] = config.gateway.helpdesk
        let subject = templates.render(name + ".subject", context)
            .split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        let token = ReplyToken(
            contactID: envelope.contact.id, purpose: envelope.tokenPurpose, subjectID: envelope.tokenSubjectID,
            now: now, lifetimeDays: config.tokens.lifetimeDays)
        let messageID = "indigate.\(UUID().uuidString.lowercased())@\(domain)"
        var references = envelope.answering?.references ?? []
        if let answered = envelope.answering?.messageID { references.append(answered) }
        let letter = OutgoingLetter(
            fromName: config.gateway.name, fromAddress: config.gateway.address,
            toName: envelope.contact.contact.personName, toAddress: envelope.contact.contact.email,
            replyTo: MailAddress.tagged(config.gateway.address, tag: token.encoded(secret: secret)),
            subject: subject, messageID: messageID, inReplyTo: envelope.answering?.messageID,
            references: Array(references.suffix(10)), date: now,
            utcOffsetSeconds: calendar.timeZone.secondsFromGMT(for: now),
            headers: [
                ("Auto-Submitted", envelope.purpose == .receipt ? "auto-replied" : "auto-generated"),
                ("X-Auto-Response-Suppress", "All"),
                ("X-Indigate-Loop", domain),
                ("Precedence", "bulk"),
            ],
            text: templates.render(name + ".txt", context),
            html: html ? templates.render(name + ".html", context) : nil)
        let raw = try composer.compose(letter)
        return try tx.enqueueLetter(
            purpose: envelope.purpose, contactID: envelope.contact.id, roundID: envelope.roundID,
            inboundID: envelope.answering?.inboundID, messageID: messageID, subject: subject,
            recipient: envelope.contact.contact.email, envelopeFrom: config.gateway.address, raw: raw, at: now)
    }
}
