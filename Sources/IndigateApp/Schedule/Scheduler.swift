import Foundation
import IndigateCore
import IndigateStore

/// What one scheduler pass did.
package struct TickReport: Sendable, Equatable, Codable {
    package var openedRound: RoundOpened?
    package var reviewLetters = 0
    package var reminders = 0
    package var digests = 0
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

    package func tick(now: Date) throws -> TickReport {
        var report = TickReport()
        let today = calendar.isoDay(now)
        let month = String(today.prefix(7))
        let day = Int(today.suffix(2)) ?? 0
        if day >= schedule.openDay, try store.read({ tx in try tx.round(month: month) }) == nil {
            report.openedRound = try rounds.open(
                month: month, deadline: RoundDates.day(month: month, day: schedule.deadlineDay), nextDataAfter: nil,
                groups: schedule.groups, now: now)
        }
        report.reviewLetters = try reviewLetters.send(now: now)
        report.reminders = try reminders.send(now: now)
        report.digests = try digests.send(now: now)
        return report
    }
}
