import Foundation
import IndigateCore
import IndigateStore
import Logging

/// The Apply stage for messages that are not taken: quarantine (and, when someone wrote in a
/// registered contact's name, a letter to that contact at their own address), the request to
/// answer a letter for untokened mail, bounces, and what is left unanswered.
struct RefusalFlow: Sendable {
    let letters: LetterWriter
    let calendar: RegionalCalendar
    let logger: Logger

    func quarantine(
        _ reason: QuarantineReason, detail: String?, tell: StoredContact?, from: String?, inboundID: Int64, tx: StoreTransaction,
        now: Date
    ) throws -> MessageOutcome {
        let entry = try tx.quarantine(inboundID: inboundID, reason: reason.rawValue, detail: detail, at: now)
        if let tell, reason.tellsContact { try notifyRefused(tell, reason: reason, from: from, tx: tx, now: now) }
        logger.notice("quarantined", metadata: ["inbound": "\(inboundID)", "entry": "\(entry)", "reason": "\(reason.rawValue)"])
        return .quarantined(inboundID: inboundID, entry: entry, reason: reason)
    }

    /// Tells the registered contact — at their registered address, never the sender's — that a
    /// message in their name was refused. At most once a day per contact.
    func notifyRefused(_ contact: StoredContact, reason: QuarantineReason, from: String?, tx: StoreTransaction, now: Date) throws
    {
        guard !(try tx.sentNotice(reason: "refused", to: contact.contact.email, since: now.addingTimeInterval(-86_400))),
            let organization = try tx.organization(id: contact.organizationID)
        else { return }
        let round = try tx.currentRound(at: now)
        try letters.enqueue(
            RefusedView(organization: organization.organization, when: now, address: from, reason: reason, calendar: calendar),
            to: LetterEnvelope(
                purpose: .refusal, tokenPurpose: .receipt, contact: contact, organization: organization, roundID: round?.id,
                tokenSubjectID: round?.id ?? 0, answering: nil),
            reason: "refused", in: tx, now: now)
    }

    /// A registered contact wrote without a token: asked, once a day, to answer a letter
    /// instead; nothing is recorded.
    func untokened(_ contact: StoredContact, message: ParsedMessage, inboundID: Int64, tx: StoreTransaction, now: Date) throws
        -> MessageOutcome
    {
        if !(try tx.sentNotice(reason: "untokened", to: contact.contact.email, since: now.addingTimeInterval(-86_400))),
            let organization = try tx.organization(id: contact.organizationID)
        {
            let round = try tx.currentRound(at: now)
            try letters.enqueue(
                UntokenedView(organization: organization.organization, subject: message.subject),
                to: LetterEnvelope(
                    purpose: .notice, tokenPurpose: .receipt, contact: contact, organization: organization, roundID: round?.id,
                    tokenSubjectID: round?.id ?? 0, answering: Answering(inboundID: inboundID, message: message)),
                reason: "untokened", in: tx, now: now)
        }
        try tx.finishInbound(
            id: inboundID, outcome: .ignored, detail: IgnoreReason.untokened.description, contactID: contact.id, at: now)
        return .ignored(inboundID: inboundID, reason: .untokened)
    }

    /// A delivery report: a permanent failure marks the address failing and the letter failed.
    func bounce(
        _ report: DeliveryReport, letterID: Int64?, contactID: Int64?, inboundID: Int64, tx: StoreTransaction, now: Date
    ) throws -> MessageOutcome {
        try tx.recordBounce(
            inboundID: inboundID, letterID: letterID, contactID: contactID, permanent: report.permanent, status: report.status,
            at: now)
        if let letterID, let contactID {
            try tx.audit(
                actor: "indigate", action: report.permanent ? "bounce-permanent" : "bounce-temporary",
                detail: "letter \(letterID), contact \(contactID), status \(report.status)", at: now)
        }
        return try ignore(.bounce(status: String(report.status.prefix(40))), inboundID: inboundID, tx: tx, now: now)
    }

    func ignore(_ reason: IgnoreReason, inboundID: Int64, tx: StoreTransaction, now: Date) throws -> MessageOutcome {
        try tx.finishInbound(id: inboundID, outcome: .ignored, detail: reason.description, contactID: nil, at: now)
        return .ignored(inboundID: inboundID, reason: reason)
    }
}
