import Foundation
import IndigateCore
import IndigateStore

extension RefusalFlow {
    /// A message over the size limit (archived in part): set aside as too large. Its sender,
    /// when the token and From show who it is, is told — at their registered address, once a
    /// day — that nothing of it was recorded and how to send it; a stranger is not answered.
    /// Auto-replies and bounces are left as they are.
    func tooLarge(
        _ verdict: Verdict, message: ParsedMessage, size: Int, limit: Int, inboundID: Int64, tx: StoreTransaction, now: Date
    ) throws -> MessageOutcome {
        let detail = "\(size) bytes, over the limit of \(limit); archived in part, the original is in the mailbox"
        let sender: (StoredContact, TokenPurpose, Int64?)?
        switch verdict {
        case .ignore(let reason): return try ignore(reason, inboundID: inboundID, tx: tx, now: now)
        case .bounce: return try ignore(.deliveryReport, inboundID: inboundID, tx: tx, now: now)
        case .quarantine, .addressConfirmation: sender = nil
        case .respondent(let contact, let roundID): sender = (contact, .receipt, roundID)
        case .untokened(let contact): sender = (contact, .receipt, try tx.currentRound(at: now)?.id)
        case .operatorCommands(let contact, let letterID): sender = (contact, .review, letterID)
        case .coordinator(let contact): sender = (contact, .digest, nil)
        }
        if let (contact, purpose, subject) = sender,
            !(try tx.sentNotice(reason: "too-large", to: contact.contact.email, since: now.addingTimeInterval(-86_400))),
            let organization = try tx.organization(id: contact.organizationID)
        {
            try letters.enqueue(
                TooLargeView(subject: message.subject, size: size, limit: limit),
                to: .notice(
                    to: contact, of: organization, token: purpose, subject: subject,
                    answering: Answering(inboundID: inboundID, message: message)),
                reason: "too-large", in: tx, now: now)
        }
        return try quarantine(
            .tooLarge, detail: detail, tell: nil, from: message.from.first, inboundID: inboundID, tx: tx, now: now)
    }
}
