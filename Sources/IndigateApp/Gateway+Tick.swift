import Foundation
import IndigateStore

/// What one scheduler pass did.
public struct TickReport: Sendable, Equatable, Codable {
    public var openedRound: RoundOpened?
}

extension Gateway {
    /// One pass of the scheduler: from the configured opening day on, the month's round is
    /// opened with the configured groups, once.
    public func tick(now: Date) throws -> TickReport {
        let today = calendar.isoDay(now)
        let month = String(today.prefix(7))
        let day = Int(today.suffix(2)) ?? 0
        guard day >= config.schedule.openDay else { return TickReport(openedRound: nil) }
        if try store.read({ tx in try tx.round(month: month) }) != nil { return TickReport(openedRound: nil) }
        let deadline = RoundDates.day(month: month, day: config.schedule.deadlineDay)
        let opened = try openRound(
            month: month, deadline: deadline, nextDataAfter: nil, groups: config.schedule.groups, now: now)
        return TickReport(openedRound: opened)
    }
}
