import Foundation
import IndigateCore

/// The «ДД.ММ.ГГГГ - ЧЧ:ММ:СС» of each instant one report prints, worded once: the values one
/// command decided, or one reply sent, share their instant, and the region's report prints
/// 32,000 of them (wording each through the calendar was nine tenths of making the lines).
/// Lives as long as the report it serves.
final class DateTimeTexts {
    let calendar: RegionalCalendar
    private var texts: [Date: String] = [:]

    init(calendar: RegionalCalendar) {
        self.calendar = calendar
    }

    func text(_ date: Date) -> String {
        if let text = texts[date] { return text }
        let text = calendar.dateTime(date)
        texts[date] = text
        return text
    }
}
