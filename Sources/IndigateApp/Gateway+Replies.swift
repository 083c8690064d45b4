import Crypto
import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore

/// Who a message is from, once its token and sender have been checked.
struct Sender {
    var contact: StoredContact
    var token: ReplyToken
}

extension Gateway {
    /// Classifies one parsed message and hands it to the flow its token allows. Runs inside the
    /// batch transaction; everything it does commits with the message's outcome.
    ///
    /// The order matters: bounces and auto-replies are never answered; a message without a
    /// valid token, or whose From is not the token's contact, or that the receiving MTA found
    /// forged (DMARC), is quarantined and never answered to its sender.
    func handle(
        inboundID: Int64, parsed: ParseOutcome?, context: HandlingContext, tx: StoreTransaction, now: Date,
        released: Bool = false
    ) throws -> MessageOutcome {
        let refuse = { (reason: String, detail: String?) throws -> MessageOutcome in
            try self.quarantine(inboundID: inboundID, reason: reason, detail: detail, tx: tx, now: now)
        }
        guard let parsed else {
            return try refuse("parser-failed", "the parser did not finish \(Self.maximumParseAttempts) times")
        }
        let message: ParsedMessage
        switch parsed {
        case .parsed(let value): message = value
        case .refused(let error): return try refuse("unreadable", error.description)
        case .parserFailed(let reason): return try refuse("parser-failed", "\(reason), \(Self.maximumParseAttempts) attempts")
        }
        let from = message.from.first
        try tx.describeInbound(id: inboundID, messageID: message.messageID, from: from, subject: message.subject)

        if !released, let messageID = message.messageID, let from,
            try tx.isDuplicate(inboundID: inboundID, messageID: messageID, from: from)
        {
            return try ignore(inboundID, "duplicate Message-ID", tx: tx, now: now)
        }
        // Mail to the VERP address is a bounce (or an auto-reply to one): counted, never answered.
        if let bounceToken = message.recipients.lazy.compactMap({ MailAddress.token(in: $0, gateway: self.config.bounceAddress) }).first {
            return try handleBounce(message, token: bounceToken, inboundID: inboundID, tx: tx, now: now)
        }
        if let reason = AutoReplyCheck.reason(message, ownDomain: domain) {
            if reason.hasPrefix("bounce"), let report = DeliveryReport.read(message) {
                try tx.recordBounce(
                    inboundID: inboundID, letterID: nil, contactID: nil, permanent: report.permanent,
                    status: report.status, at: now)
            }
            return try ignore(inboundID, reason, tx: tx, now: now)
        }
        guard let tokenText = message.recipients.lazy.compactMap({ MailAddress.token(in: $0, gateway: self.config.gateway.address) }).first
        else {
            return try handleUntokened(message, inboundID: inboundID, tx: tx, now: now, released: released)
        }
        let token: ReplyToken
        switch ReplyToken.verify(
            tokenText, secrets: acceptedSecrets(at: now), now: now,
            generation: { try? tx.tokenGeneration(contactID: $0) })
        {
        case .success(let value): token = value
        case .failure(let refusal): return try refuse("token-\(refusal)", "the reply token is not valid")
        }
        guard token.purpose != .bounce, let contact = try tx.contact(id: token.contactID) else {
            return try refuse("token-misused", "a bounce token in a reply address")
        }
        if !released {
            guard message.from.count == 1, let from, try tx.address(from, belongsTo: contact.id) else {
                try notifyRefused(contact, reason: "from-mismatch", tx: tx, now: now)
                return try refuse("from-mismatch", "From is not the address of the token's contact")
            }
            if let failure = authenticationFailure(message) {
                try notifyRefused(contact, reason: failure, tx: tx, now: now)
                return try refuse(failure, "the receiving server's checks failed")
            }
        }
        return try route(message, sender: Sender(contact: contact, token: token), inboundID: inboundID, context: context, tx: tx, now: now)
    }

    /// Sends a checked message to the flow its token's purpose and its contact's role allow.
    func route(
        _ message: ParsedMessage, sender: Sender, inboundID: Int64, context: HandlingContext, tx: StoreTransaction,
        now: Date
    ) throws -> MessageOutcome {
        switch (sender.token.purpose, sender.contact.contact.role) {
        case (.digest, .coordinator):
            try applyCoordinatorReply(message, inboundID: inboundID, sender: sender, context: context, tx: tx, now: now)
            return .applied(inboundID: inboundID)
        case (.review, .operator):
            try applyOperatorReply(message, inboundID: inboundID, sender: sender, tx: tx, now: now)
            return .applied(inboundID: inboundID)
        case (.request, .respondent), (.receipt, .respondent):
            try applyRespondentReply(
                message, inboundID: inboundID, contact: sender.contact, roundID: sender.token.subjectID,
                context: context, tx: tx, now: now)
            return .applied(inboundID: inboundID)
        default:
            let detail = "a \(sender.contact.contact.role.rawValue) answered a \(sender.token.purpose) letter"
            return try quarantine(inboundID: inboundID, reason: "not-allowed", detail: detail, tx: tx, now: now)
        }
    }

    /// The first failure the receiving MTA reported, from Authentication-Results headers whose
    /// authserv-id is trusted; headers from anyone else are ignored.
    func authenticationFailure(_ message: ParsedMessage) -> String? {
        let trusted = Set(config.security.trustedAuthservIDs.map { $0.lowercased() })
        for header in message.authenticationResults {
            guard let results = AuthenticationResults(header: header), trusted.contains(results.authservID) else { continue }
            if results.has("dmarc", "fail") { return "dmarc-fail" }
            if config.security.quarantineSPFFail, results.has("spf", "fail"), !results.has("dkim", "pass") {
                return "spf-fail"
            }
        }
        return nil
    }

    func ignore(_ inboundID: Int64, _ reason: String, tx: StoreTransaction, now: Date) throws -> MessageOutcome {
        try tx.finishInbound(id: inboundID, outcome: .ignored, detail: reason, contactID: nil, at: now)
        return .ignored(inboundID: inboundID, reason: reason)
    }

    func quarantine(inboundID: Int64, reason: String, detail: String?, tx: StoreTransaction, now: Date) throws
        -> MessageOutcome
    {
        try tx.quarantine(inboundID: inboundID, reason: reason, detail: detail, at: now)
        logger.notice("quarantined", metadata: ["inbound": "\(inboundID)", "reason": "\(reason)"])
        return .quarantined(inboundID: inboundID, reason: reason)
    }
}
