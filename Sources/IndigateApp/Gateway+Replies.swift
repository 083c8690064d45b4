import Crypto
import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore

extension Gateway {
    /// Classifies one parsed message and hands it to the flow its token allows. Runs inside the
    /// batch transaction; everything it does commits with the message's outcome.
    func handle(
        inboundID: Int64, parsed: ParseOutcome?, context: HandlingContext,
        tx: StoreTransaction, now: Date
    ) throws -> MessageOutcome {
        func quarantine(_ reason: String, _ detail: String? = nil) throws -> MessageOutcome {
            try tx.quarantine(inboundID: inboundID, reason: reason, detail: detail, at: now)
            logger.notice("quarantined", metadata: ["inbound": "\(inboundID)", "reason": "\(reason)"])
            return .quarantined(inboundID: inboundID, reason: reason)
        }
        guard let parsed else {
            return try quarantine("parser-failed", "the parser did not finish \(Self.maximumParseAttempts) times")
        }
        let message: ParsedMessage
        switch parsed {
        case .parsed(let value): message = value
        case .refused(let error): return try quarantine("unreadable", error.description)
        case .parserFailed(let reason):
            return try quarantine("parser-failed", "\(reason), \(Self.maximumParseAttempts) attempts")
        }
        let sender = message.from.first
        try tx.describeInbound(id: inboundID, messageID: message.messageID, from: sender, subject: message.subject)

        if let messageID = message.messageID, let sender,
            try tx.isDuplicate(inboundID: inboundID, messageID: messageID, from: sender)
        {
            try tx.finishInbound(id: inboundID, outcome: .ignored, detail: "duplicate Message-ID", contactID: nil, at: now)
            return .ignored(inboundID: inboundID, reason: "duplicate")
        }
        if let reason = AutoReplyCheck.reason(message, ownDomain: domain) {
            try tx.finishInbound(id: inboundID, outcome: .ignored, detail: reason, contactID: nil, at: now)
            return .ignored(inboundID: inboundID, reason: reason)
        }

        let tokens = message.recipients.compactMap { MailAddress.token(in: $0, gateway: config.gateway.address) }
        guard let tokenText = tokens.first else { return try quarantine("no-token", "no reply token in the recipients") }
        let token: ReplyToken
        switch ReplyToken.verify(tokenText, secrets: [secret], now: now) {
        case .success(let value): token = value
        case .failure(let refusal): return try quarantine("token-\(refusal)")
        }
        guard let contact = try tx.contact(id: token.contactID) else { return try quarantine("token-unknown-contact") }
        guard let sender, sender == contact.contact.email else {
            return try quarantine("from-mismatch", "From is not the token's contact")
        }
        switch (token.purpose, contact.contact.role) {
        case (.request, .respondent), (.receipt, .respondent):
            try applyRespondentReply(
                message, inboundID: inboundID, contact: contact, roundID: token.subjectID, context: context,
                tx: tx, now: now)
            return .applied(inboundID: inboundID)
        default:
            return try quarantine("not-allowed", "\(contact.contact.role.rawValue) replied to a \(token.purpose) letter")
        }
    }
}
