import Foundation
import IndigateCore
import IndigateStore

extension Gateway {
    /// Tells the registered contact — at their registered address, never the sender's — that a
    /// message in their name was refused. At most once a day per contact.
    func notifyRefused(_ contact: StoredContact, reason: String, tx: StoreTransaction, now: Date) throws {
        guard !(try tx.sentNotice(reason: "refused", to: contact.contact.email, since: now.addingTimeInterval(-86_400))),
            let organization = try tx.organization(id: contact.organizationID)
        else { return }
        let explanation =
            switch reason {
            case "from-mismatch": "оно отправлено с адреса, который не зарегистрирован за вашей организацией"
            case "dmarc-fail", "spf-fail": "почтовый сервер не подтвердил, что оно отправлено с вашего адреса"
            default: "его отправителя не удалось проверить"
            }
        let roundID = try tx.currentRound(at: now)?.id ?? 0
        try enqueue(
            LetterEnvelope(
                purpose: .refusal, tokenPurpose: .receipt, contact: contact, organization: organization,
                roundID: roundID == 0 ? nil : roundID, tokenSubjectID: roundID, answering: nil),
            template: "refused",
            context: [
                "organization": organization.organization.shortName, "inn": organization.organization.inn,
                "when": calendar.dateTime(now), "explanation": explanation,
            ],
            html: false, reason: "refused", in: tx, now: now)
    }

    /// A message without a reply token. From a registered contact, and where the configuration
    /// allows it, the contact is asked (once a day) to answer indigate's letter instead, and
    /// nothing is recorded. Anything else is quarantined.
    func handleUntokened(_ message: ParsedMessage, inboundID: Int64, tx: StoreTransaction, now: Date, released: Bool)
        throws -> MessageOutcome
    {
        guard let from = message.from.first, let contact = try tx.contact(matching: from) else {
            return try quarantine(inboundID: inboundID, reason: "no-token", detail: "no reply token, unknown sender", tx: tx, now: now)
        }
        if released, contact.contact.role == .respondent, let round = try tx.currentRound(at: now) {
            // An operator vouched for it: handle it as a reply to the current round.
            let token = ReplyToken(contactID: contact.id, purpose: .request, subjectID: round.id, expiryDay: Int.max)
            return try route(
                message, sender: Sender(contact: contact, token: token), inboundID: inboundID,
                context: try HandlingContext(tx: tx), tx: tx, now: now)
        }
        guard config.security.answerUntokened, authenticationFailure(message) == nil else {
            return try quarantine(inboundID: inboundID, reason: "no-token", detail: "no reply token", tx: tx, now: now)
        }
        if !(try tx.sentNotice(reason: "untokened", to: contact.contact.email, since: now.addingTimeInterval(-86_400))),
            let organization = try tx.organization(id: contact.organizationID)
        {
            let roundID = try tx.currentRound(at: now)?.id ?? 0
            try enqueue(
                LetterEnvelope(
                    purpose: .notice, tokenPurpose: .receipt, contact: contact, organization: organization,
                    roundID: roundID == 0 ? nil : roundID, tokenSubjectID: roundID,
                    answering: (inboundID, message.messageID, message.references)),
                template: "untokened",
                context: ["organization": organization.organization.shortName, "subject": message.subject],
                html: false, reason: "untokened", in: tx, now: now)
        }
        try tx.finishInbound(id: inboundID, outcome: .ignored, detail: "no token: asked to reply to a letter", contactID: contact.id, at: now)
        return .ignored(inboundID: inboundID, reason: "no token")
    }

    /// A message to the VERP address: a delivery report about one of indigate's letters.
    func handleBounce(_ message: ParsedMessage, token text: String, inboundID: Int64, tx: StoreTransaction, now: Date)
        throws -> MessageOutcome
    {
        guard case .success(let token) = ReplyToken.verify(
            text, secrets: acceptedSecrets(at: now), now: now, generation: { try? tx.tokenGeneration(contactID: $0) }),
            token.purpose == .bounce
        else {
            return try ignore(inboundID, "bounce with an invalid VERP token", tx: tx, now: now)
        }
        guard let report = DeliveryReport.read(message) else {
            return try ignore(inboundID, "mail to the bounce address that is not a delivery report", tx: tx, now: now)
        }
        let letter = try tx.letter(id: token.subjectID)
        try tx.recordBounce(
            inboundID: inboundID, letterID: letter == nil ? nil : token.subjectID, contactID: token.contactID,
            permanent: report.permanent, status: report.status, at: now)
        try tx.audit(
            actor: "indigate", action: report.permanent ? "bounce-permanent" : "bounce-temporary",
            detail: "letter \(token.subjectID), contact \(token.contactID), status \(report.status)", at: now)
        return try ignore(inboundID, "bounce \(report.status)", tx: tx, now: now)
    }
}
