import Foundation
import IndigateStore

/// What one scheduler pass did.
public struct TickReport: Sendable, Equatable, Codable {
    public var openedRound: RoundOpened?
    public var reviewLetters = 0
    public var reminders = 0
    public var digests = 0
}

extension Gateway {
    /// One pass of the scheduler: from the configured opening day on, the month's round is
    /// opened with the configured groups (once: a month has one round); review letters go out
    /// when due by `review.batch`; reminders go out on their days.
    public func tick(now: Date) throws -> TickReport {
        var report = TickReport()
        let today = calendar.isoDay(now)
        let month = String(today.prefix(7))
        let day = Int(today.suffix(2)) ?? 0
        if day >= config.schedule.openDay, try store.read({ tx in try tx.round(month: month) }) == nil {
            let deadline = RoundDates.day(month: month, day: config.schedule.deadlineDay)
            report.openedRound = try openRound(
                month: month, deadline: deadline, nextDataAfter: nil, groups: config.schedule.groups, now: now)
        }
        report.reviewLetters = try sendReviewLetters(now: now)
        report.reminders = try sendReminders(now: now)
        report.digests = try sendDigests(now: now)
        return report
    }
}
