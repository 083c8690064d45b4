import Foundation
import IndigateStore
import IndigateTransport

/// Counts of one `flush` pass.
public struct FlushReport: Sendable, Equatable, Codable {
    public var sent = 0
    public var deferred = 0
    public var failed = 0
    public init() {}
}

extension Gateway {
    /// Backoff before retrying a deferred letter: 5 minutes, doubling to at most an hour.
    static func backoff(attempts: Int) -> TimeInterval {
        min(300 * pow(2, Double(max(0, attempts))), 3600)
    }

    /// One pass over the outbox: every due letter, in batches handed to the transport as a
    /// whole (one connection per batch where the transport has connections). A letter is
    /// marked sent only after the transport took it; a crash in between sends it again, which
    /// the Maildir transport turns into a rewrite of the same file.
    public func flush(transport: any OutboundTransport, now: Date) throws -> FlushReport {
        var report = FlushReport()
        var seen: Set<Int64> = []
        while true {
            let due = try store.read { tx in try tx.dueOutbox(at: now, limit: config.limits.batch) }
                .filter { !seen.contains($0.id) }
            if due.isEmpty { break }
            seen.formUnion(due.map(\.id))
            let results = transport.send(
                due.map { OutboundMessage(id: $0.id, envelopeFrom: $0.envelopeFrom, recipient: $0.recipient, raw: $0.raw) })
            try store.write { tx in
                for (row, result) in zip(due, results) {
                    switch result {
                    case .sent:
                        try tx.markSent(outboxID: row.id, at: now)
                        report.sent += 1
                    case .deferred(let reason):
                        try tx.markDeferred(
                            outboxID: row.id, error: reason, until: now.addingTimeInterval(Self.backoff(attempts: row.attempts)))
                        report.deferred += 1
                    case .failed(let reason):
                        try tx.markFailed(outboxID: row.id, error: reason)
                        report.failed += 1
                    }
                }
            }
            if due.count < config.limits.batch { break }
        }
        if report.sent + report.deferred + report.failed > 0 {
            logger.info(
                "flush", metadata: ["sent": "\(report.sent)", "deferred": "\(report.deferred)", "failed": "\(report.failed)"])
        }
        return report
    }
}
