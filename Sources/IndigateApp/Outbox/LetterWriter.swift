import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import Logging

/// The Outbox stage's one writer of letters: renders a letter's templates, composes it with
/// GMime (text, optional HTML, attachments, RFC 3834 headers), mints its reply and VERP tokens,
/// applies the per-recipient rate limit, and puts it in the durable outbox inside the caller's
/// transaction — so a letter exists exactly when the change that caused it committed.
struct LetterWriter: Sendable {
    let templates: Templates
    let signer: TokenSigner
    let gateway: IndigateConfig.Gateway
    let region: String
    let bounceAddress: String
    let calendar: RegionalCalendar
    let lettersPerRecipientPerHour: Int
    let logger: Logger
    let composer = MessageComposer()

    /// The gateway's domain, for Message-IDs.
    var domain: String { String(gateway.address.split(separator: "@").last ?? "indigate.invalid") }

    /// Renders and queues `letter`. Returns the letter's id, or nil when the recipient already
    /// got `limits.letters_per_recipient_per_hour` letters in the last hour (requests excepted):
    /// a flood of replies cannot make indigate mail-bomb anyone.
    /// - Parameters:
    ///   - reason: why a notice goes out, for notices sent at most once a day.
    ///   - tokened: attachments made as the letter is composed, once its reply token is minted:
    ///     those that carry the token (the request form), or those still being made when the
    ///     letter is queued (a digest's table, written on another core).
    @discardableResult
    func enqueue<L: Letter>(
        _ letter: L, to envelope: LetterEnvelope, reason: String? = nil, attachments: [ParsedMessage.Attachment] = [],
        tokened: ((_ replyToken: String) throws -> [ParsedMessage.Attachment])? = nil,
        in tx: StoreTransaction, now: Date
    ) throws -> Int64? {
        if envelope.purpose != .request,
            try tx.lettersSent(toContact: envelope.contact.id, since: now.addingTimeInterval(-3600)) >= lettersPerRecipientPerHour
        {
            try tx.audit(
                actor: "indigate", action: "rate-limited",
                detail: "\(envelope.purpose.rawValue) to contact \(envelope.contact.id) not sent", at: now)
            logger.warning("rate limit reached", metadata: ["contact": "\(envelope.contact.id)"])
            return nil
        }
        // A letter with attachments is rendered and composed here, as its rows are written:
        // those made once its token is minted (the request form, a digest's table written on
        // another core) are made while it is rendered, and documents (a review letter's,
        // megabytes each) are not held in memory until the transaction commits. Any other is
        // rendered, subject and all, on the composing thread.
        let rendered = tokened != nil || !attachments.isEmpty ? render(letter) : nil
        let view = UncheckedLetter(letter: letter)
        let generation = try tx.tokenGeneration(contactID: envelope.contact.id) ?? 0
        let messageID = "indigate.\(UUID().uuidString.lowercased())@\(domain)"
        let answered = envelope.answering?.messageID.flatMap(Self.usableMessageID)
        let references = Array(
            ((envelope.answering?.references ?? []).compactMap(Self.usableMessageID) + [answered].compactMap { $0 }).suffix(10))
        let (toName, toAddress) = (envelope.contact.contact.personName, envelope.contact.contact.email)
        let autoReplied = envelope.purpose == .receipt
        return try tx.enqueueLetter(
            purpose: envelope.purpose, contactID: envelope.contact.id, roundID: envelope.roundID,
            inboundID: envelope.answering?.inboundID, messageID: messageID, subject: rendered?.subject ?? "",
            recipient: toAddress, reason: reason, at: now
        ) { letterID in
            let replyToken = signer.token(
                contactID: envelope.contact.id, purpose: envelope.tokenPurpose, subjectID: envelope.tokenSubjectID ?? letterID,
                generation: generation, now: now)
            // VERP: a bounce comes back to bounces+<token>@domain and names this very letter.
            let bounceToken = signer.token(
                contactID: envelope.contact.id, purpose: .bounce, subjectID: letterID, generation: generation, now: now)
            let envelopeFrom = MailAddress.tagged(bounceAddress, tag: bounceToken)
            let compose:
                @Sendable ((subject: String, text: String, html: String?), [ParsedMessage.Attachment]) throws -> [UInt8] = {
                    [self] rendered, made in
                    try composer.compose(
                        outgoing(
                            rendered, toName: toName, toAddress: toAddress, replyToken: replyToken, messageID: messageID,
                            answered: answered, references: references, autoReplied: autoReplied, now: now,
                            attachments: attachments + made))
                }
            if let rendered { return (envelopeFrom, .ready(try compose(rendered, try tokened?(replyToken) ?? []))) }
            // The context, the subject, the text and HTML, and GMime's composing, on the store's
            // composing thread while this one goes on (see `LetterBytes`).
            return (
                envelopeFrom,
                .later { [self] in
                    let rendered = render(view.letter)
                    return ComposedLetter(subject: rendered.subject, bytes: try compose(rendered, []))
                }
            )
        }
    }

    /// A letter's view model, handed to the composing thread: views hold data and flags only
    /// (values, never shared state), and so does the `[String: Any]` context made from them.
    private struct UncheckedLetter<L: Letter>: @unchecked Sendable {
        let letter: L
    }

    /// A rendered letter as GMime composes it: our headers (RFC 3834's, the loop marker), the
    /// reply token in Reply-To.
    func outgoing(
        _ rendered: (subject: String, text: String, html: String?), toName: String, toAddress: String, replyToken: String,
        messageID: String, answered: String?, references: [String], autoReplied: Bool, now: Date,
        attachments: [ParsedMessage.Attachment]
    ) -> OutgoingLetter {
        OutgoingLetter(
            fromName: gateway.name, fromAddress: gateway.address, toName: QuotedText.clean(toName, limit: 100),
            toAddress: toAddress, replyTo: MailAddress.tagged(gateway.address, tag: replyToken),
            subject: rendered.subject, messageID: messageID, inReplyTo: answered, references: references, date: now,
            utcOffsetSeconds: calendar.timeZone.secondsFromGMT(for: now),
            headers: [
                ("Auto-Submitted", autoReplied ? "auto-replied" : "auto-generated"),
                ("X-Auto-Response-Suppress", "All"),
                ("X-Indigate-Loop", domain),
                ("Precedence", "bulk"),
            ],
            text: rendered.text, html: rendered.html, attachments: attachments)
    }

    /// `letter` rendered and composed as `enqueue` would queue it, outside any transaction, with
    /// a placeholder token: for the micro benchmarks.
    func compose<L: Letter>(_ letter: L, to name: String, address: String, now: Date) throws -> [UInt8] {
        try composer.compose(
            outgoing(
                render(letter), toName: name, toAddress: address, replyToken: "benchmark", messageID: "benchmark@\(domain)",
                answered: nil, references: [], autoReplied: true, now: now, attachments: []))
    }

    /// A letter's subject, text and HTML, with what every letter may say about the sender.
    func render<L: Letter>(_ letter: L) -> (subject: String, text: String, html: String?) {
        var context = letter.context
        context["marker"] = ReplyText.marker
        context["gatewayName"] = gateway.name
        context["region"] = region
        context["helpdesk"] = gateway.helpdesk
        let subject = templates.render(L.template + ".subject", context)
            .split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return (
            subject, templates.render(L.template + ".txt", context),
            L.hasHTML ? templates.render(L.template + ".html", context) : nil
        )
    }

    /// A Message-ID fit to be answered: RFC 5322 allows 998 characters a line, and an id a
    /// sender made 5,000 characters long would break the header. Longer or unprintable ones are
    /// left out of In-Reply-To and References.
    static func usableMessageID(_ id: String) -> String? {
        guard !id.isEmpty, id.utf8.count <= 250, id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x3C && $0 != 0x3E })
        else { return nil }
        return id
    }
}
