/// Round dates are stored as `YYYY-MM-DD` and shown as `ДД.ММ.ГГГГ`.
package enum RoundDates {
    /// `2020-09-25` → `25.09.2020`.
    package static func display(_ day: String) -> String {
        let parts = day.split(separator: "-")
        guard parts.count == 3 else { return day }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }

    /// `YYYY-MM-DD` for `day` of a month, or the month's last day when it is shorter.
    package static func day(year: Int, month: Int, day: Int) -> String {
        let text = "\(year)-\(month < 10 ? "0" : "")\(month)-"
        let clamped = min(day, daysIn(year: year, month: month))
        return text + (clamped < 10 ? "0" : "") + String(clamped)
    }

    /// `day(year:month:day:)` for a `YYYY-MM` month.
    package static func day(month: String, day: Int) -> String {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return month }
        return self.day(year: parts[0], month: parts[1], day: day)
    }

    package static func daysIn(year: Int, month: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(month - 1) % 12]
    }

    /// Whether `text` is a real `YYYY-MM-DD` date.
    package static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (2000...2100).contains(year), (1...12).contains(month)
        else { return false }
        return (1...daysIn(year: year, month: month)).contains(day)
    }

    /// The next-data date by the schedule: `day` of the month after the deadline's, or of the
    /// same month when that day is still after the deadline.
    package static func nextData(deadline: String, day: Int) -> String {
        let parts = deadline.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return deadline }
        var (year, month) = (parts[0], parts[1])
        if day <= parts[2] {
            month += 1
            if month > 12 { (year, month) = (year + 1, 1) }
        }
        return self.day(year: year, month: month, day: day)
    }

    /// `2020-09` or `09.2020` → `2020-09`, or nil when it is not a month written that way.
    package static func isoMonth(from text: String) -> String? {
        let dashed = text.split(separator: "-", omittingEmptySubsequences: false)
        let dotted = text.split(separator: ".", omittingEmptySubsequences: false)
        let (year, month): (Substring, Substring)
        if dashed.count == 2, dashed[0].count == 4, dashed[1].count == 2 {
            (year, month) = (dashed[0], dashed[1])
        } else if dotted.count == 2, dotted[0].count == 2, dotted[1].count == 4 {
            (year, month) = (dotted[1], dotted[0])
        } else {
            return nil
        }
        guard year.allSatisfy(\.isASCII), month.allSatisfy(\.isASCII), let y = Int(year), let m = Int(month),
            (1...12).contains(m), y >= 1900
        else { return nil }
        return "\(year)-\(month)"
    }

    /// `01.12.2019` → `2019-12-01`, or nil when it is not a real date written that way.
    package static func isoDay(fromRussian text: String) -> String? {
        let parts = text.split(separator: ".")
        guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4 else { return nil }
        let iso = "\(parts[2])-\(parts[1])-\(parts[0])"
        return isValid(iso) ? iso : nil
    }
}
