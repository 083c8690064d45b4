import Foundation
import IndigateCore
import IndigateStore

extension Intake {
    /// Handles parsed messages. Messages that were in a batch when the daemon died are suspects:
    /// each is handled alone, its attempt committed first, so a message that kills the daemon
    /// is blamed alone and set aside after three deaths of its own, while the rest of its batch
    /// goes through. The others are marked and handled together, one transaction with a
    /// savepoint each.
    func handle(_ items: [Item], now: Date) throws -> [MessageOutcome] {
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
        for item in suspects {
            try store.write { tx in try tx.countSoloAttempt(inboundID: item.id) }
            outcomes += try store.write { tx in [try handle(item, batch: try BatchContext(tx: tx), tx: tx, now: now)] }
        }
        if !ordinary.isEmpty {
            try store.write { tx in try tx.markHandling(inboundIDs: ordinary.map(\.id)) }
            outcomes += try store.write { tx in
                let batch = try BatchContext(tx: tx)
                return try ordinary.map { try handle($0, batch: batch, tx: tx, now: now) }
            }
        }
        let order = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1.id, $0) })
        return outcomes.sorted { order[$0.inboundID, default: 0] < order[$1.inboundID, default: 0] }
    }

    /// One message through Classify and Apply, in its own savepoint: if anything unexpected
    /// fails, its changes are undone and it is kept in quarantine, while the batch goes on.
    func handle(_ item: Item, batch: BatchContext, tx: StoreTransaction, now: Date) throws -> MessageOutcome {
        // handleAttempts: 1 after a batch that died, then one more per death while handled alone.
        if item.handleAttempts > Self.maximumAttempts {
            return try refusals.quarantine(
                .handlingFailed, detail: "the daemon died \(item.handleAttempts - 1) times while handling it alone", tell: nil,
                from: nil, inboundID: item.id, tx: tx, now: now)
        }
        do {
            return try tx.savepoint {
                try classifyAndApply(item, batch: batch, tx: tx, now: now)
            }
        } catch let error as StoreError where error.isTemporary {
            throw error
        } catch {
            logger.error("handling failed", metadata: ["inbound": "\(item.id)", "error": "\(error)"])
            return try refusals.quarantine(
                .internalError, detail: "\(error)", tell: nil, from: nil, inboundID: item.id, tx: tx, now: now)
        }
    }

    func classifyAndApply(_ item: Item, batch: BatchContext, tx: StoreTransaction, now: Date) throws -> MessageOutcome {
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
        try tx.describeInbound(id: item.id, messageID: message.messageID, from: message.from.first, subject: message.subject)
        FaultInjection.duringHandling(message)
        let verdict = try classifier.classify(message, inboundID: item.id, released: item.releasedBy != nil, tx: tx, now: now)
        if let fullSize = item.fullSize {
            return try refusals.tooLarge(
                verdict, message: message, size: fullSize, limit: messageBytes, inboundID: item.id, tx: tx, now: now)
        }
        return try applier.apply(verdict, message: message, inboundID: item.id, batch: batch, tx: tx, now: now)
    }
}
