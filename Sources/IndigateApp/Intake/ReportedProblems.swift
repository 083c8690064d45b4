import Foundation
import IndigateCore
import IndigateTransport
import Logging

/// Inbox entries skipped because they are not messages to read, remembered so each is logged
/// once (when it appears), not on every pass; `status` lists the current ones.
final class ReportedProblems: @unchecked Sendable {
    private let lock = NSLock()
    private var known: Set<InboundProblem> = []

    func log(_ problems: [InboundProblem], logger: Logger) {
        lock.lock()
        defer { lock.unlock() }
        let current = Set(problems)
        for problem in current.subtracting(known).sorted(by: { $0.entry < $1.entry }) {
            logger.warning(
                "inbox entry skipped",
                metadata: ["entry": "\(QuotedText.clean(problem.entry, limit: 200))", "reason": "\(problem.reason)"])
        }
        known = current
    }
}
