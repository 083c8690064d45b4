import Foundation
import IndigateCore
import IndigateStore
import IndigateTransport
import Logging

/// The Intake stage, and the driver of the stages after it: takes messages from a source,
/// archives their raw bytes first (one transaction per batch), has them parsed outside any
/// transaction by a pool of workers while the messages parsed before are classified,
/// interpreted and applied (one transaction per step of 32, a savepoint per message), and only
/// after the commits tells the source they are done. The next batch is read beside the last
/// steps of the one before and archived while the workers parse its last step.
///
/// Crash safety: parse and handling attempts are committed before each attempt, so a message
/// that kills the parser or the daemon is retried alone and, after three attempts, set aside
/// in quarantine — it never takes the rest of its batch with it.
package struct Intake: Sendable {
    let store: Store
    let parser: any MessageParsing
    let classifier: Classifier
    let applier: Applier
    let refusals: RefusalFlow
    let batchSize: Int
    let batchBytes: Int
    /// The largest message read and archived whole (`limits.message_bytes`).
    let messageBytes: Int
    let logger: Logger
    /// Inbox entries already reported as skipped, so each is logged once.
    let reported = ReportedProblems()
    /// Where a parse step's documents are stored ahead.
    let documentsAhead = DocumentsAhead()

    /// Attempts to parse, or to handle, one message before it is set aside.
    static let maximumAttempts = 3

    /// One pass over a source: new messages in batches, then messages archived earlier and not
    /// finished (a crash between the commits, a parser failure to retry, a release from
    /// quarantine). The next batch is fetched and archived while the workers parse the last
    /// step of the one before, so they go on from one batch to the next without waiting; each
    /// batch is marked done, in order, once all of it is handled.
    package func poll(source: any InboundSource, now: Date) throws -> PollReport {
        var report = PollReport()
        var seen: Set<Int64> = []
        // Once a pass, at its end: the Maildir's check opens every file left in `new`, which is
        // then only what was not taken (at the start it opened all 4,600 files of the bench
        // corpus on one thread before the first batch, while the other core had nothing to do).
        defer { reported.log(source.problems(), logger: logger) }
        // Fetched and archived, not yet marked done: their handles, and each batch's slots.
        var taken: Set<String> = []
        var open: [(items: [InboundItem], slots: [Slot])] = []
        // The next batch, read on another thread: from a few steps before the end of the one
        // before, so that batch's bytes are mostly gone before these come in.
        var ahead: Background<Fetched>?
        var more = true
        func readAhead() {
            if ahead == nil, more { ahead = fetch(from: source, skipping: taken) }
        }
        try pipeline(
            next: {
                readAhead()
                guard let fetching = ahead else { return nil }
                ahead = nil
                var fetched = try fetching.wait()
                more = fetched.more
                if fetched.items.isEmpty { return nil }
                taken.formUnion(fetched.items.map(\.handle))
                var incoming: [Incoming] = []
                swap(&incoming, &fetched.incoming)
                let archived = try archive(consume incoming, seen: &seen, now: now)
                open.append((fetched.items, archived.slots))
                return archived.toParse
            },
            soon: readAhead,
            finished: { handled in
                let (items, slots) = open.removeFirst()
                let outcomes = outcomes(of: slots, handled: handled)
                try source.markDone(items)
                taken.subtract(items.map(\.handle))
                report.taken += items.count
                for outcome in outcomes { report.add(outcome) }
            }, now: now)
        for outcome in try resumePending(excluding: seen, now: now) { report.add(outcome) }
        try store.write { tx in try tx.beat("poll", at: now) }
        if report.taken > 0 {
            logger.info(
                "poll",
                metadata: [
                    "taken": "\(report.taken)", "applied": "\(report.applied)", "quarantined": "\(report.quarantined)",
                    "ignored": "\(report.ignored)",
                ])
        }
        return report
    }

    /// Handles one message (from the MTA's pipe or a file). Returns once its outcome is committed.
    /// - Parameter size: the message's full size when `raw` is only its first part (a message
    ///   over the limit is not read whole).
    package func ingest(_ raw: [UInt8], size: Int? = nil, source: String, now: Date) throws -> MessageOutcome {
        try process([Incoming(raw, source: source, size: size ?? raw.count, limit: messageBytes)], now: now)[0]
    }

    /// Handles messages archived earlier and not finished, oldest first.
    @discardableResult
    package func resumePending(excluding: Set<Int64> = [], now: Date) throws -> [MessageOutcome] {
        let ids = try store.read { tx in try tx.pendingInbound() }.filter { !excluding.contains($0) }
        guard !ids.isEmpty else { return [] }
        logger.notice("handling archived messages", metadata: ["count": "\(ids.count)"])
        var outcomes: [MessageOutcome] = []
        for chunk in stride(from: 0, to: ids.count, by: batchSize).map({ Array(ids[$0..<min($0 + batchSize, ids.count)]) }) {
            let pending: [StoredInbound] = try store.write { tx in
                try chunk.compactMap { id in
                    guard let stored = try tx.inbound(id: id) else { return nil }
                    if !parser.isIsolated { try tx.countParseAttempt(inboundID: id) }
                    return stored
                }
            }
            outcomes += try parseAndHandle(
                pending.map { stored in
                    ToParse(
                        raw: stored.raw, id: stored.id, attempts: stored.parseAttempts + (parser.isIsolated ? 0 : 1),
                        handleAttempts: stored.handleAttempts, releasedBy: stored.releasedBy, fullSize: stored.fullSize)
                }, now: now)
        }
        return outcomes
    }

    /// An archived message to parse, with its attempts so far.
    struct ToParse {
        var raw: [UInt8]
        var id: Int64
        var attempts: Int
        var handleAttempts: Int
        var releasedBy: String?
        var fullSize: Int?
    }

    /// Parses archived messages by the attempts policy, all of a batch at once (in parallel on
    /// a pool of workers). The isolated parser reports its own failures (a crash or a hang of a
    /// worker), and only those are counted, as they happen: the daemon dying meanwhile is never
    /// the message's fault. A parser in this process fails only by taking the daemon down, so
    /// there each attempt was counted before it started. Each message parsed is then prepared
    /// for handling with `grammar` (`PreparedMessage`), on this thread, and the documents it may
    /// give are stored ahead (`storeAhead`): on a thread of their own behind the isolated parser
    /// (`DocumentsAhead`), here with a parser in this process.
    func parse(_ messages: consuming [ToParse], grammar: ReplyGrammar) throws -> [Item] {
        var messages = messages
        var items = messages.map {
            Item(
                id: $0.id, parseAttempts: $0.attempts, handleAttempts: $0.handleAttempts, releasedBy: $0.releasedBy,
                fullSize: $0.fullSize, parsed: nil)
        }
        let wanted = messages.indices.filter {
            parser.isIsolated ? messages[$0].attempts < Self.maximumAttempts : messages[$0].attempts <= Self.maximumAttempts
        }
        // The bytes move to the parser, which lets each go once its worker has it.
        var raws: [[UInt8]] = []
        for index in wanted {
            raws.append(messages[index].raw)
            messages[index].raw = []
        }
        messages = []
        let outcomes = parser.parseAll(consume raws)
        var failed: [Int64] = []
        var documents: [(key: String, bytes: [UInt8])] = []
        for (index, outcome) in zip(wanted, outcomes) {
            items[index].parsed = outcome
            if case .parsed(let message) = outcome {
                let prepared = prepare(message, grammar: grammar)
                items[index].prepared = prepared
                documents += prepared.candidates.map { (prepared.digests[$0], message.attachments[$0].bytes) }
            }
            if parser.isIsolated, case .parserFailed = outcome {
                items[index].parseAttempts += 1
                failed.append(items[index].id)
            }
        }
        if !failed.isEmpty {
            try store.write { tx in for id in failed { try tx.countParseAttempt(inboundID: id) } }
        }
        if parser.isIsolated, !documents.isEmpty {
            documentsAhead.store(documents) { [self] in storeAhead($0) }
        } else {
            storeAhead(documents)
        }
        return items
    }

    /// What handling `message` needs from it alone, with the classifier's addresses and the
    /// document size limit the respondent flow applies.
    func prepare(_ message: ParsedMessage, grammar: ReplyGrammar) -> PreparedMessage {
        PreparedMessage(
            message, addressing: classifier.addressing(of: message), grammar: grammar,
            documentBytes: applier.respondent.documentBytes)
    }

    /// One message on its way through the stages after parsing.
    struct Item {
        var id: Int64
        var parseAttempts: Int
        var handleAttempts: Int
        var releasedBy: String?
        /// Set when the message was over the size limit and only its first part is archived.
        var fullSize: Int?
        /// nil: not parsed, because the parse attempts are used up.
        var parsed: ParseOutcome?
        /// Set when the message was parsed.
        var prepared: PreparedMessage? = nil
    }

    /// What came of archiving a message of a batch.
    enum Slot {
        case handle(Int64)
        case duplicate(Int64)
    }

    /// A batch archived: a slot per message, and the messages to parse and handle.
    struct Archived {
        var slots: [Slot]
        var toParse: [ToParse]
    }

    /// Archives, parses and handles messages (see `archive`), for one message from the MTA's
    /// pipe or a file.
    func process(_ incoming: consuming [Incoming], now: Date) throws -> [MessageOutcome] {
        var seen: Set<Int64> = []
        let archived = try archive(incoming, seen: &seen, now: now)
        return outcomes(of: archived.slots, handled: try parseAndHandle(archived.toParse, now: now))
    }

    /// Archives a batch (one transaction): the same bytes twice, in the batch, before it, or in
    /// an earlier batch of the pass (its archive ids are in `seen`), stop here. A message over
    /// the size limit is archived in part (see `Incoming`) and set aside as too large; the
    /// original stays in the mailbox.
    func archive(_ incoming: consuming [Incoming], seen: inout Set<Int64>, now: Date) throws -> Archived {
        var messages = incoming
        // Without their bytes until the commit: those move in from `messages`, not copied.
        var pending: [Int64: ToParse] = [:]
        let slots: [Slot] = try store.write { tx in
            try messages.map { message in
                switch try tx.archive(
                    raw: message.raw, sha256: message.key, source: message.source, fullSize: message.fullSize, at: now)
                {
                case .done(let id): return .duplicate(id)
                case .new(let id), .pending(let id):
                    guard seen.insert(id).inserted, let state = try tx.handlingState(inboundID: id) else { return .duplicate(id) }
                    if !parser.isIsolated { try tx.countParseAttempt(inboundID: id) }
                    pending[id] = ToParse(
                        raw: [], id: id, attempts: state.parseAttempts + (parser.isIsolated ? 0 : 1),
                        handleAttempts: state.handleAttempts, releasedBy: state.releasedBy, fullSize: state.fullSize)
                    return .handle(id)
                }
            }
        }
        var toParse: [ToParse] = []
        for (index, slot) in slots.enumerated() {
            guard case .handle(let id) = slot, var message = pending.removeValue(forKey: id) else { continue }
            // Archived: the bytes live in `toParse` alone, and go once parsed.
            message.raw = messages[index].raw
            messages[index].raw = []
            toParse.append(message)
        }
        return Archived(slots: slots, toParse: toParse)
    }

    /// Each message's outcome, in the batch's order, from the outcomes of those handled.
    func outcomes(of slots: [Slot], handled: [MessageOutcome]) -> [MessageOutcome] {
        let byID = Dictionary(handled.map { ($0.inboundID, $0) }) { first, _ in first }
        return slots.map { slot in
            switch slot {
            case .duplicate(let id):
                logger.info("message", metadata: ["inbound": "\(id)", "outcome": "duplicate"])
                return .duplicate(inboundID: id)
            case .handle(let id): return byID[id] ?? .duplicate(inboundID: id)
            }
        }
    }
}
