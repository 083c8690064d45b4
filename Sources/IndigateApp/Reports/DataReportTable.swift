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
                let parts = line.date.components(separatedBy: " - ")
                return [
                    organization.municipality, line.inn, line.organization, line.code, line.question, line.value,
                    parts.first ?? "", parts.count > 1 ? parts[1] : "", line.state, line.resolution ?? "",
                ]
            }
        }
    }
}
