/// How a digest carries its provided-data table: an Excel workbook unless the coordinator asked
/// for CSV (`ОТЧЁТ CSV`).
enum DataTableFormat: Sendable, Equatable {
    case xlsx
    case csv
}
