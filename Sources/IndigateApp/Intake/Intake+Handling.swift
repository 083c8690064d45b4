import Foundation
import IndigateCore
import IndigateStore
import Logging

extension Intake {
    /// Handles parsed messages. Messages that were in a batch when the daemon died are suspects:
    /// each is handled alone, its attempt committed first, so a message that kills the daemon
    /// is blamed alone and set aside after three deaths of its own, while the rest of its batch
    /// goes through. The others are marked and handled together, one transaction with a
    /// savepoint each. `context` is the catalogue read for the whole pass.
    func handle(_ items: [Item], context: BatchContext, now: Date) throws -> [MessageOutcome] {
        var outcomes: [MessageOutcome] = []
        var ready: [Item] = []
        for item in items {
            if case .parserFailed(let reason) = item.parsed, item.parseAttempts < Self.maximumAttempts {
                // Left pending: a later pass parses it again (at most three times in all).
                logger.warning("parser failed", metadata: ["inbound": "\(item.id)", "reason": "\(reason)"])
                outcomes.append(.deferred(inboundID: item.id, reason: reason))
            } else {
                ready.append(item)
            }
        }
        guard !ready.isEmpty else { return outcomes }
        // The least suspect first: a message that has already died alone waits for the others.
        let suspects = ready.filter { $0.handleAttempts > 0 }.sorted { ($0.handleAttempts, $0.id) < ($1.handleAttempts, $1.id) }
        let ordinary = ready.filter { $0.handleAttempts == 0 }
        var flows: [Int64: String] = [:]
        for item in suspects {
            try store.write { tx in try tx.countSoloAttempt(inboundID: item.id) }
            let outcome = try store.write { tx in
                try handle(item, batch: context, tx: tx, now: now, flows: &flows)
            }
            trace(item, outcome, flow: flows[item.id])
            outcomes.append(outcome)
        }
        if !ordinary.isEmpty {
            try store.write { tx in try tx.markHandling(inboundIDs: ordinary.map(\.id)) }
            let handled = try store.write { tx in
                try ordinary.map { try handle($0, batch: context, tx: tx, now: now, flows: &flows) }
            }
            // Committed: now each message's line is true.
            for (item, outcome) in zip(ordinary, handled) { trace(item, outcome, flow: flows[item.id]) }
            outcomes += handled
        }
        let order = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1.id, $0) })
        return outcomes.sorted { order[$0.inboundID, default: 0] < order[$1.inboundID, default: 0] }
    }

    /// The one log line of a message, once its outcome is committed: its archive id, what it
    /// says it is (Message-ID, sender), how it was classified and what came of it. Never its
    /// body, its recipients (they carry tokens) or anything it asked for.
    func trace(_ item: Item, _ outcome: MessageOutcome, flow: String?) {
        var metadata: Logger.Metadata = ["inbound": "\(item.id)", "outcome": "\(outcome.label)"]
        if case .parsed(let message) = item.parsed {
            metadata["message-id"] = "\(QuotedText.clean(message.messageID ?? "", limit: 120))"
            metadata["from"] = "\(QuotedText.clean(message.from.first ?? "", limit: 120))"
        }
        if let flow { metadata["class"] = "\(flow)" }
        switch outcome {
        case .quarantined(_, let entry, let reason):
            metadata["quarantine"] = "\(entry)"
            metadata["reason"] = "\(reason.rawValue)"
        case .ignored(_, let reason): metadata["reason"] = "\(reason.description)"
        default: break
        }
        logger.info("message", metadata: metadata)
    }

    /// One message through Classify and Apply, in its own savepoint: if anything unexpected
    /// fails, its changes are undone and it is kept in quarantine, while the batch goes on.
    func handle(_ item: Item, batch: BatchContext, tx: StoreTransaction, now: Date, flows: inout [Int64: String]) throws
        -> MessageOutcome
    {
        // handleAttempts: 1 after a batch that died, then one more per death while handled alone.
        if item.handleAttempts > Self.maximumAttempts {
            return try refusals.quarantine(
                .handlingFailed, detail: "the daemon died \(item.handleAttempts - 1) times while handling it alone", tell: nil,
                from: nil, inboundID: item.id, tx: tx, now: now)
        }
        do {
            return try tx.savepoint {
                try classifyAndApply(item, batch: batch, tx: tx, now: now, flows: &flows)
            }
        } catch let error as StoreError where error.isTemporary {
            throw error
        } catch {
            logger.error("handling failed", metadata: ["inbound": "\(item.id)", "error": "\(error)"])
            return try refusals.quarantine(
                .internalError, detail: "\(error)", tell: nil, from: nil, inboundID: item.id, tx: tx, now: now)
        }
    }

    func classifyAndApply(_ item: Item, batch: BatchContext, tx: StoreTransaction, now: Date, flows: inout [Int64: String]) throws
        -> MessageOutcome
    {
        let message: ParsedMessage
        switch item.parsed {
        case .parsed(let value): message = value
        case .refused(let error):
            return try refusals.quarantine(
                .unreadable, detail: error.description, tell: nil, from: nil, inboundID: item.id, tx: tx, now: now)
        case .parserFailed(let reason):
            return try refusals.quarantine(
                .parserFailed, detail: "\(reason), \(item.parseAttempts) attempts", tell: nil, from: nil, inboundID: item.id,
                tx: tx,
                now: now)
        case nil:
            return try refusals.quarantine(
                .parserFailed, detail: "the parser did not finish \(Self.maximumAttempts) times", tell: nil, from: nil,
                inboundID: item.id, tx: tx, now: now)
        }
        // Made beside the parse (`Intake.parse`); here only for an item that came otherwise.
        let prepared = item.prepared ?? prepare(message, grammar: batch.grammar)
        try tx.describeInbound(
            id: item.id, messageID: message.messageID, from: message.from.first, subject: message.subject,
            previewLines: prepared.preview, attachmentNames: MessagePreview.attachmentNames(of: message))
        FaultInjection.duringHandling(message)
        let verdict = try classifier.classify(
            message, addressing: prepared.addressing, inboundID: item.id, released: item.releasedBy != nil, tx: tx, now: now)
        flows[item.id] = verdict.label
        logger.debug(
            "classified",
            metadata: ["inbound": "\(item.id)", "class": "\(verdict.label)", "released": "\(item.releasedBy != nil)"])
        if let fullSize = item.fullSize {
            return try refusals.tooLarge(
                verdict, message: message, size: fullSize, limit: messageBytes, inboundID: item.id, tx: tx, now: now)
        }
        return try applier.apply(
            verdict, message: message, prepared: prepared, inboundID: item.id, batch: batch, tx: tx, now: now)
    }
}
