import IndigateCore

/// The provided-data table's columns and rows, the same in the CSV and the Excel file.
enum DataReportTable {
    static let headings = [
        "Муниципалитет", "ИНН", "Организация", "Код", "Показатель", "Значение", "Дата", "Время", "Состояние", "Резолюция",
    ]
    /// Column positions the Excel file types: the value (a number when it is one) and the date.
    static let valueColumn = 5
    static let dateColumn = 6

    static func rows(_ report: DataReport) -> some Sequence<[String]> {
        // Made row by row as the writer asks (30,000 rows for the region): no table in memory
        // beside the report while the Excel or CSV file is written.
        [report.withData, report.withoutData].joined().lazy.flatMap { organization in
            organization.lines.lazy.map { line -> [String] in
                let (day, time) = dayAndTime(line.date)
                return [
                    organization.municipality, line.inn, line.organization, line.code, line.question, line.value, day, time,
                    line.state, line.resolution ?? "",
                ]
            }
        }
    }

    /// `ДД.ММ.ГГГГ - ЧЧ:ММ:СС` as its day and its time (the time empty when there is none). Found
    /// by bytes: Foundation's `components(separatedBy:)` was a fifth of writing the region's Excel
    /// table, and the standard library's `firstRange(of:)` twice that.
    static func dayAndTime(_ date: String) -> (day: String, time: String) {
        guard let first = separator(in: date[...]) else { return (date, "") }
        let rest = date[first.upperBound...]
        return (String(date[..<first.lowerBound]), String(rest[..<(separator(in: rest)?.lowerBound ?? rest.endIndex)]))
    }

    /// The first ` - ` in `text`.
    static func separator(in text: Substring) -> Range<String.Index>? {
        let utf8 = text.utf8
        var from = utf8.startIndex
        while let dash = utf8[from...].firstIndex(of: UInt8(ascii: "-")) {
            from = utf8.index(after: dash)
            guard dash != utf8.startIndex, from != utf8.endIndex else { continue }
            let before = utf8.index(before: dash)
            if utf8[before] == UInt8(ascii: " "), utf8[from] == UInt8(ascii: " ") { return before..<utf8.index(after: from) }
        }
        return nil
    }
}
