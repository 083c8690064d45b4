import Foundation
import IndigateCore
import IndigateStore
import Logging

/// Sends every coordinator the digest of their scope: on `digests.weekday` from `digests.hour`,
/// and the day after the current round's deadline; at most one round of digests a day.
package struct Digests: Sendable {
    let store: Store
    let mailer: DigestMailer
    let settings: IndigateConfig.Digests
    let logger: Logger

    var calendar: RegionalCalendar { mailer.calendar }

    func due(tx: StoreTransaction, now: Date) throws -> Bool {
        // Before the first round there is nothing to report.
        guard try tx.newestRound() != nil else { return false }
        let gregorian = calendar.calendar
        guard gregorian.component(.hour, from: now) >= settings.hour else { return false }
        if let last = try tx.lastLetter(purpose: .digest), calendar.isoDay(last) == calendar.isoDay(now) { return false }
        // Calendar weekdays: 1 is Sunday; the config counts 1 as Monday.
        let weekday = (gregorian.component(.weekday, from: now) + 5) % 7 + 1
        if weekday == settings.weekday { return true }
        if settings.afterDeadline, let round = try tx.currentRound(at: now), let deadline = calendar.startOfDay(round.deadline),
            calendar.isoDay(deadline.addingTimeInterval(86_400 + 3600)) == calendar.isoDay(now)
        {
            return true
        }
        return false
    }

    /// Queues the digests when due or when `force`d. Returns how many.
    @discardableResult
    package func send(now: Date, force: Bool = false) throws -> Int {
        try store.write { tx in
            guard try force || due(tx: tx, now: now) else { return 0 }
            var sent = 0
            for coordinator in try tx.contacts(role: .coordinator) where !coordinator.failing {
                if try mailer.enqueue(
                    to: coordinator, selection: .lastAccepted, refusedValues: false, answering: nil, tx: tx, now: now)
                {
                    sent += 1
                }
            }
            if sent > 0 { logger.info("digests", metadata: ["sent": "\(sent)"]) }
            return sent
        }
    }
}
