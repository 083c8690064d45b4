import Foundation
import IndigateCore
import IndigateStore
import IndigateTransport
import Logging

/// Counts of one `flush` pass.
package struct FlushReport: Sendable, Equatable, Codable {
    package var sent = 0
    package var deferred = 0
    package var failed = 0
    package init() {}
}

/// The Send stage: hands due letters from the durable outbox to the transport in batches, each
/// batch shared among `outbox.connections` sessions side by side (one connection each where the
/// transport has connections), and records each result as the server answers — sent, deferred
/// with backoff, or failed for good with the server's words.
package struct Sender: Sendable {
    let store: Store
    let settings: IndigateConfig.Outbox
    let batchSize: Int
    let logger: Logger
    /// Whether the server's failure has been reported, so it is said once.
    let said = OnceLog()

    /// One pass over the outbox. A letter is marked sent only after the transport took it; a
    /// crash in between sends it again, which the Maildir transport turns into a rewrite of the
    /// same file.
    package func flush(transport: any OutboundTransport, now: Date) throws -> FlushReport {
        var report = FlushReport()
        var seen: Set<Int64> = []
        while true {
            let due = try store.read { tx in try tx.dueOutbox(at: now, limit: batchSize) }.filter { !seen.contains($0.id) }
            if due.isEmpty { break }
            seen.formUnion(due.map(\.id))
            try store.write { tx in try tx.markSending(outboxIDs: due.map(\.id)) }
            // Results are committed in groups of up to `resultsPerCommit` (one by one when the
            // server answers slower than a letter per `resultsMaxWait`), without an fsync of
            // their own: a killed daemon repeats at most the group not yet committed and the
            // letters the sessions had sent and not yet reported (`duplicateWindow`); only a
            // power loss can repeat more (the batch's results since the last synced commit), and
            // a repeat is a duplicate letter, never a lost one.
            // The batch in `connections` interleaved shares, one session each; results are
            // collected as they come, while the other session waits on the wire.
            let shares = Self.shares(due.count, connections: settings.effectiveConnections)
            let results = ResultsBox(report)
            DispatchQueue.concurrentPerform(iterations: shares.count) { share in
                let indices = shares[share]
                transport.send(
                    indices.map {
                        OutboundMessage(
                            id: due[$0].id, envelopeFrom: due[$0].envelopeFrom, recipient: due[$0].recipient, raw: due[$0].raw)
                    }
                ) { index, result, reply in
                    results.lock.withLock {
                        guard results.failure == nil else { return false }
                        results.pending.append((due[indices[index]], result, reply))
                        guard
                            results.pending.count >= Self.resultsPerCommit
                                || results.lastCommit.duration(to: .now) >= Self.resultsMaxWait
                        else { return true }
                        return commit(results, now: now)
                    }
                }
            }
            _ = commit(results, now: now)
            report = results.report
            if let failure = results.failure { throw failure }
            // The batch's results reach the disk (one fsync) before the next batch starts.
            try store.write { tx in try tx.beat("flush", at: now) }
            if due.count < batchSize { break }
        }
        try store.write { tx in try tx.beat("flush", at: now) }
        if report.sent + report.deferred + report.failed > 0 {
            logger.info(
                "flush", metadata: ["sent": "\(report.sent)", "deferred": "\(report.deferred)", "failed": "\(report.failed)"])
        }
        return report
    }

    /// The batch's indices dealt to `connections` sessions in turn (0, 2, 4… and 1, 3, 5…), so
    /// each session's letters keep the outbox's order; fewer shares than sessions when the batch
    /// is small.
    static func shares(_ count: Int, connections: Int) -> [[Int]] {
        let sessions = max(1, min(connections, count))
        return (0..<sessions).map { first in Array(stride(from: first, to: count, by: sessions)) }
    }

    /// Results committed together: one transaction for up to this many letters' results.
    static let resultsPerCommit = 16
    /// A result arriving this long after the last commit is committed at once, so a slow
    /// server's letters are committed one by one and no result waits long for company.
    static let resultsMaxWait = Duration.milliseconds(20)
    /// The most letters a killed daemon can send twice: the group not yet committed and the one
    /// each other session had sent and not yet reported. The kill test holds every kill to it.
    package static func duplicateWindow(connections: Int) -> Int { resultsPerCommit + connections - 1 }

    /// What the sessions of one batch share: the counts, the results not yet committed and the
    /// first failure to record.
    final class ResultsBox: @unchecked Sendable {
        let lock = NSLock()
        var report: FlushReport
        var pending: [(row: OutboxRow, result: DeliveryResult, reply: String)] = []
        var lastCommit = ContinuousClock.now
        var failure: (any Error)?
        init(_ report: FlushReport) { self.report = report }
    }

    /// Commits the pending results in one transaction (crash-safe; synced with the batch) and
    /// logs each; false, with the failure kept, when the store refused them. Called under the
    /// box's lock.
    func commit(_ results: ResultsBox, now: Date) -> Bool {
        guard results.failure == nil, !results.pending.isEmpty else { return results.failure == nil }
        do {
            var report = results.report
            try store.writeUnsynced { tx in
                for pending in results.pending { try record(pending.result, for: pending.row, report: &report, tx: tx, now: now) }
            }
            results.report = report
            for pending in results.pending { trace(pending.result, for: pending.row, reply: pending.reply) }
            results.pending.removeAll(keepingCapacity: true)
            results.lastCommit = .now
            return true
        } catch {
            results.failure = error
            return false
        }
    }

    /// The one log line of a letter, once its result is recorded: its outbox and letter ids, the
    /// recipient and what the server said. A server that stops answering is logged when it
    /// stops and when it answers again, not on every letter of every pass.
    func trace(_ result: DeliveryResult, for row: OutboxRow, reply: String) {
        var metadata: Logger.Metadata = [
            "outbox": "\(row.id)", "letter": "\(row.letterID)", "to": "\(row.recipient)",
            "reply": "\(QuotedText.clean(reply, limit: 300))",
        ]
        switch result {
        case .sent:
            if said.clear("server") { logger.notice("the mail server answers again") }
            metadata["result"] = "sent"
            logger.info("letter", metadata: metadata)
        case .deferred(let problem):
            metadata["result"] = "deferred"
            if problem.connectionLost {
                if said.first("server") {
                    logger.warning("the mail server is not answering: letters wait", metadata: ["error": "\(problem.text)"])
                }
                logger.debug("letter", metadata: metadata)
            } else {
                logger.info("letter", metadata: metadata)
            }
        case .failed:
            metadata["result"] = "failed"
            logger.warning("letter", metadata: metadata)
        }
    }

    /// Records one delivery result in the group's transaction.
    func record(_ result: DeliveryResult, for row: OutboxRow, report: inout FlushReport, tx: StoreTransaction, now: Date) throws {
        switch result {
        case .sent:
            try tx.markSent(outboxID: row.id, at: now)
            report.sent += 1
        case .deferred(let problem):
            let age = now.timeIntervalSince(row.queuedAt ?? now)
            if age > TimeInterval(settings.maxAgeDays) * 86_400 {
                try tx.markFailed(outboxID: row.id, error: "gave up after \(settings.maxAgeDays) days: \(problem.text)")
                report.failed += 1
            } else {
                try tx.markDeferred(
                    outboxID: row.id, error: problem.text, until: now.addingTimeInterval(backoff(attempts: row.attempts)))
                report.deferred += 1
            }
        case .failed(let problem):
            try tx.markFailed(outboxID: row.id, error: problem.text)
            report.failed += 1
        }
    }

    /// Backoff before retrying a deferred letter: the minimum, doubling per attempt, capped at
    /// the maximum, with up to a quarter more at random so deferred letters do not all come
    /// back at once.
    func backoff(attempts: Int) -> TimeInterval {
        let minimum = Double(settings.minBackoffSeconds)
        let maximum = Double(settings.maxBackoffSeconds)
        let base = min(minimum * pow(2, Double(min(max(0, attempts), 30))), maximum)
        return min(base * Double.random(in: 1...1.25), maximum)
    }
}
