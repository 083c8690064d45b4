import IndigateCore
import IndigateXLSX

/// The provided-data table as an Excel workbook (libxlsxwriter, constant memory): whole numbers
/// as numbers and dates as dates, so a coordinator can sum and filter at once; zipped XML keeps
/// the region's table a fraction of its CSV.
enum DataReportXLSX {
    static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    static let widths: [Double] = [22, 12, 40, 6, 60, 14, 11, 9, 22, 30]

    static func render(_ report: DataReport) throws -> [UInt8] {
        let columns = zip(DataReportTable.headings, widths).map { TableColumn(heading: $0, width: $1) }
        let rows = DataReportTable.rows(report).lazy.map { row in
            row.enumerated().map { index, text -> TableCell in
                if text.isEmpty { return .empty }
                if index == DataReportTable.valueColumn, let number = Int(text) { return .integer(number) }
                if index == DataReportTable.dateColumn, let date = day(text) {
                    return .date(year: date.0, month: date.1, day: date.2)
                }
                return .text(text)
            }
        }
        return try TableWriter().write(sheetName: "Данные", columns: columns, rows: rows)
    }

    /// `ДД.ММ.ГГГГ` as year, month and day.
    static func day(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: ".")
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
        return (y, m, d)
    }
}
