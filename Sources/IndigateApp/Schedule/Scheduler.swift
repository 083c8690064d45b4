import Foundation
import IndigateCore
import IndigateStore
import Logging

/// What one scheduler pass did.
package struct TickReport: Sendable, Equatable, Codable {
    package var openedRound: RoundOpened?
    package var reviewLetters = 0
    package var reminders = 0
    package var digests = 0

    /// Whether the tick queued letters (the outbox has work now).
    package var queuedLetters: Bool {
        (openedRound?.requestLetters ?? 0) + reviewLetters + reminders + digests > 0
    }
}

/// The Schedule stage: one `tick` opens the month's round on the configured day (once: a month
/// has one round), sends review letters when due, reminders on their days, and digests.
package struct Scheduler: Sendable {
    let store: Store
    package let rounds: RoundOpener
    package let reviewLetters: ReviewLetters
    package let reminders: Reminders
    package let digests: Digests
    let schedule: IndigateConfig.Schedule
    let calendar: RegionalCalendar
    let logger: Logger
    /// What has been said once already, so a condition is logged when it starts, not every pass.
    let said = OnceLog()

    package func tick(now: Date) throws -> TickReport {
        var report = TickReport()
        let today = calendar.isoDay(now)
        let month = String(today.prefix(7))
        let day = Int(today.suffix(2)) ?? 0
        if day >= schedule.openDay, try store.read({ tx in try tx.round(month: month) }) == nil {
            let deadline = RoundDates.day(month: month, day: schedule.deadlineDay)
            if deadline >= today {
                report.openedRound = try rounds.open(
                    month: month, deadline: deadline, nextDataAfter: nil, groups: schedule.groups(forMonth: month), now: now)
            } else if said.first("late-round-\(month)") {
                // Started after the month's deadline: asking now would set a deadline already gone.
                logger.notice(
                    "round not opened: its deadline has passed; open it by hand with a later deadline",
                    metadata: [
                        "month": "\(month)", "deadline": "\(deadline)",
                        "command": "indigate round open --month \(month) --deadline YYYY-MM-DD",
                    ])
            }
        }
        report.reviewLetters = try reviewLetters.send(now: now)
        report.reminders = try reminders.send(now: now)
        report.digests = try digests.send(now: now)
        try store.write { tx in try tx.beat("tick", at: now) }
        return report
    }
}
