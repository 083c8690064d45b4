import Foundation

/// Dates as the region reads them: in its own time zone, «25.09.2020» and
/// «07.08.2020 - 13:10:03» as in the seed's portal.
package struct RegionalCalendar: Sendable {
    package let timeZone: TimeZone
    /// A Gregorian calendar in the region's time zone (made once: reports format dates by the
    /// ten thousand).
    package let calendar: Calendar

    package init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// «25.09.2020».
    package func date(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return Self.two(c.day ?? 0) + "." + Self.two(c.month ?? 0) + "." + String(c.year ?? 0)
    }

    /// «07.08.2020 - 13:10:03».
    package func dateTime(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return Self.two(c.day ?? 0) + "." + Self.two(c.month ?? 0) + "." + String(c.year ?? 0) + " - "
            + Self.two(c.hour ?? 0) + ":" + Self.two(c.minute ?? 0) + ":" + Self.two(c.second ?? 0)
    }

    static func two(_ number: Int) -> String {
        number < 10 ? "0" + String(number) : String(number)
    }

    /// The start of the day `day` (a `YYYY-MM-DD` string) in the region, or nil if malformed.
    package func startOfDay(_ day: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
        else { return nil }
        // A day that does not exist (31 September) comes back as another one.
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        guard c.year == parts[0], c.month == parts[1], c.day == parts[2] else { return nil }
        return date
    }

    /// The `YYYY-MM-DD` of `date` in the region.
    package func isoDay(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        let year = String(c.year ?? 0)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + Self.two(c.month ?? 0) + "-"
            + Self.two(c.day ?? 0)
    }

    /// The region's month name in the genitive-free nominative («сентябрь 2020») of `month` (`YYYY-MM`).
    package func monthTitle(_ month: String) -> String {
        let names = [
            "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
            "сентябрь", "октябрь", "ноябрь", "декабрь",
        ]
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...12).contains(parts[1]) else { return month }
        return "\(names[parts[1] - 1]) \(parts[0])"
    }
}
