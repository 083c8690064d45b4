import IndigateCore

/// The provided-data table's columns and rows, the same in the CSV and the Excel file.
enum DataReportTable {
    static let headings = [
        "Муниципалитет", "ИНН", "Организация", "Код", "Показатель", "Значение", "Дата", "Время", "Состояние", "Резолюция",
    ]
    /// Column positions the Excel file types: the value (a number when it is one) and the date.
    static let valueColumn = 5
    static let dateColumn = 6

    static func rows(_ report: DataReport) -> [[String]] {
        var rows: [[String]] = []
        for organization in report.withData + report.withoutData {
            for line in organization.lines {
                let parts = line.date.components(separatedBy: " - ")
                rows.append([
                    organization.municipality, line.inn, line.organization, line.code, line.question, line.value,
                    parts.first ?? "", parts.count > 1 ? parts[1] : "", line.state, line.resolution ?? "",
                ])
            }
        }
        return rows
    }
}
