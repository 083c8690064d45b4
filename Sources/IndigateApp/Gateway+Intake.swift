import Crypto
import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import IndigateTransport

extension Gateway {
    /// One pass over an inbound source: take messages in batches, archive, handle and answer
    /// them, and only after the commit tell the source they are done. Messages archived by an
    /// earlier pass that crashed before handling them are handled first.
    public func poll(source: any InboundSource, now: Date) throws -> PollReport {
        var report = PollReport()
        for outcome in try resumePending(now: now) { report.add(outcome) }
        while true {
            let items = try source.fetch(limit: config.limits.batch)
            if items.isEmpty { break }
            let outcomes = try process(items.map { ($0.raw, $0.source) }, now: now)
            for item in items { try source.markDone(item) }
            report.taken += items.count
            for outcome in outcomes { report.add(outcome) }
            if items.count < config.limits.batch { break }
        }
        if report.taken > 0 {
            logger.info(
                "poll", metadata: ["taken": "\(report.taken)", "applied": "\(report.applied)",
                                   "quarantined": "\(report.quarantined)", "ignored": "\(report.ignored)"])
        }
        return report
    }

    /// Handles one message (from the MTA's pipe or a file). Returns once its outcome is committed.
    public func ingest(_ raw: [UInt8], source: String, now: Date) throws -> MessageOutcome {
        try process([(raw, source)], now: now)[0]
    }

    /// Archives, parses and handles a batch: one transaction to archive, the parse outside any
    /// transaction, one transaction to handle them all (each in its own savepoint).
    func process(_ messages: [(raw: [UInt8], source: String)], now: Date) throws -> [MessageOutcome] {
        let archived: [ArchiveResult] = try store.write { tx in
            try messages.map { message in
                let digest = SHA256.hash(data: message.raw).map { String(format: "%02x", $0) }.joined()
                let result = try tx.archive(raw: message.raw, sha256: digest, source: message.source, at: now)
                switch result {
                case .new(let id), .pending(let id): try tx.countParseAttempt(inboundID: id)
                case .done: break
                }
                return result
            }
        }
        let parsed: [ParseOutcome?] = zip(messages, archived).map { message, result in
            if case .done = result { return nil }
            return parsing.parse(message.raw)
        }
        return try handleParsed(zip(archived, parsed).map { ($0, 1, $1) }, now: now)
    }

    /// Handles messages archived earlier but never finished (a crash between the two
    /// commits). A message whose parse was started more than three times is not parsed again:
    /// it is quarantined, so a message that kills the parser cannot loop the daemon.
    func resumePending(now: Date) throws -> [MessageOutcome] {
        let pending: [StoredInbound] = try store.write { tx in
            try tx.pendingInbound().compactMap { id in
                try tx.countParseAttempt(inboundID: id)
                return try tx.inbound(id: id)
            }
        }
        guard !pending.isEmpty else { return [] }
        logger.notice("resuming archived messages", metadata: ["count": "\(pending.count)"])
        return try handleParsed(
            pending.map { stored in
                (
                    .pending(stored.id), stored.parseAttempts,
                    stored.parseAttempts > Self.maximumParseAttempts ? nil : parsing.parse(stored.raw)
                )
            }, now: now)
    }

    /// Parses started for one message before it is set aside.
    static let maximumParseAttempts = 3

    /// - Parameter items: each message's archive result, the parse attempts counted so far,
    ///   and the parse outcome (nil: not parsed, because the attempts are used up).
    func handleParsed(_ items: [(ArchiveResult, Int, ParseOutcome?)], now: Date) throws -> [MessageOutcome] {
        try store.write { tx in
            let context = try HandlingContext(tx: tx)
            return try items.map { archived, attempts, parsed in
                switch archived {
                case .done(let id):
                    return .duplicate(inboundID: id)
                case .new(let id), .pending(let id):
                    if case .parserFailed(let reason) = parsed, attempts < Self.maximumParseAttempts {
                        // Left pending: the next pass parses it again (at most three times in all).
                        logger.warning("parser failed", metadata: ["inbound": "\(id)", "reason": "\(reason)"])
                        return .deferred(inboundID: id, reason: reason)
                    }
                    do {
                        return try tx.savepoint {
                            try handle(inboundID: id, parsed: parsed, context: context, tx: tx, now: now)
                        }
                    } catch {
                        // Unexpected: keep the message archived and set aside, never lost.
                        logger.error("handling failed", metadata: ["inbound": "\(id)", "error": "\(error)"])
                        try tx.quarantine(inboundID: id, reason: "internal-error", detail: "\(error)", at: now)
                        return .quarantined(inboundID: id, reason: "internal-error")
                    }
                }
            }
        }
    }
}

/// What every message of a batch needs from the store, read once per batch.
struct HandlingContext {
    var catalogue: Catalogue
    var grammar: ReplyGrammar

    init(tx: StoreTransaction) throws {
        catalogue = try tx.catalogue()
        grammar = ReplyGrammar(catalogue: catalogue)
    }
}
