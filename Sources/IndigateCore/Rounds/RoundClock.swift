import Foundation

/// The rules of a round's calendar, in the region's time zone: when a value is late, how long
/// an accepted value stays locked, how many days are left, and whether a round still takes
/// values. Every letter, reminder and report asks these questions here.
package struct RoundClock: Sendable {
    package let calendar: RegionalCalendar

    package init(calendar: RegionalCalendar) {
        self.calendar = calendar
    }

    /// After the deadline day has ended in the region.
    package func isLate(_ round: Round, at now: Date) -> Bool {
        guard let start = calendar.startOfDay(round.deadline) else { return false }
        return now >= start.addingTimeInterval(86_400)
    }

    /// Whether an accepted value of `round` still locks input at `now`: until the next-data day
    /// has ended.
    package func locksAcceptedValues(_ round: Round, at now: Date) -> Bool {
        guard let nextData = calendar.startOfDay(round.nextDataAfter) else { return false }
        return now < nextData.addingTimeInterval(86_400)
    }

    /// Whole days from today to the deadline day (0 on the deadline day, negative after it).
    package func daysLeft(_ round: Round, at now: Date) -> Int? {
        guard let today = calendar.startOfDay(calendar.isoDay(now)), let deadline = calendar.startOfDay(round.deadline)
        else { return nil }
        return Int((deadline.timeIntervalSince(today) / 86_400).rounded())
    }

    /// Whole days from `date`'s day to today's.
    package func daysSince(_ date: Date, at now: Date) -> Int? {
        guard let today = calendar.startOfDay(calendar.isoDay(now)), let day = calendar.startOfDay(calendar.isoDay(date))
        else { return nil }
        return Int((today.timeIntervalSince(day) / 86_400).rounded())
    }

    /// Whether a reply naming `round` may still give it values. A round is closed once its
    /// next-data date has passed *and* a newer round is open (`newest`): new values then belong
    /// to the newer round, and storing them as late values of the old month would put them in
    /// the wrong month. Until a newer round opens, the old one takes late values.
    package func phase(of round: Round, newest: Round?, at now: Date) -> RoundPhase {
        if let newest, newest.month > round.month, !locksAcceptedValues(round, at: now) {
            return .closed(successor: newest)
        }
        return .open(late: isLate(round, at: now))
    }
}
