import CXLSXWriter

/// Writes a data table (a bold, frozen header row with an autofilter, then rows of cells) as `.xlsx`
/// bytes in libxlsxwriter's constant-memory mode: each row goes to a scratch file once the next one
/// starts, so memory stays flat however many rows the sequence yields.
package struct TableWriter: Sendable {
    /// Where the private temporary folder of each workbook is made; `$TMPDIR` or `/tmp` when `nil`.
    package var temporaryDirectory: String?

    package init(temporaryDirectory: String? = nil) {
        self.temporaryDirectory = temporaryDirectory
    }

    /// The table of `columns` and `rows` on one sheet named `sheetName`. A row shorter than the
    /// header leaves its last cells empty; cells beyond the header's width are written too.
    package func write<Rows: Sequence<[TableCell]>>(sheetName: String, columns: [TableColumn], rows: Rows) throws -> [UInt8] {
        guard columns.count <= CellReference.maxColumn else {
            throw XLSXWriteError.tooLarge(rows: 0, columns: columns.count)
        }
        let workbook = try LXWWorkbook(constantMemory: true, temporaryDirectory: temporaryDirectory)
        let sheet = try workbook.addWorksheet(sheetName)
        let header = try workbook.addFormat { format_set_bold($0) }
        let date = try workbook.addFormat { format_set_num_format($0, "dd.mm.yyyy") }
        var widths = columns.map { Self.width(of: $0.heading) }
        // A column's width stops being measured once fixed or at the widest it may be.
        var measured = columns.map { $0.width == nil }
        for (column, item) in columns.enumerated() {
            try workbook.check(worksheet_write_string(sheet, 0, lxw_col_t(column), item.heading, header), "header")
        }
        var row = 0
        var lastColumn = columns.count - 1
        for cells in rows {
            row += 1
            guard row < CellReference.maxRow, cells.count <= CellReference.maxColumn else {
                throw XLSXWriteError.tooLarge(rows: row + 1, columns: cells.count)
            }
            lastColumn = max(lastColumn, cells.count - 1)
            if widths.count < cells.count {
                widths += Array(repeating: 8, count: cells.count - widths.count)
                measured += Array(repeating: true, count: cells.count - measured.count)
            }
            for (column, cell) in cells.enumerated() {
                let (r, c) = (lxw_row_t(row), lxw_col_t(column))
                let code: lxw_error
                switch cell {
                case .text(let text):
                    code = worksheet_write_string(sheet, r, c, text, nil)
                    if measured[column] {
                        widths[column] = max(widths[column], Self.width(of: text))
                        measured[column] = widths[column] < Self.widest
                    }
                case .integer(let value):
                    code = worksheet_write_number(sheet, r, c, Double(value), nil)
                    widths[column] = max(widths[column], Double(String(value).count) + 2)
                case .decimal(let value):
                    code = worksheet_write_number(sheet, r, c, value, nil)
                    widths[column] = max(widths[column], Double(String(value).count) + 2)
                case .date(let year, let month, let day):
                    var value = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
                    code = worksheet_write_datetime(sheet, r, c, &value, date)
                    widths[column] = max(widths[column], 12)
                case .empty:
                    continue
                }
                try workbook.check(code, "row \(row + 1), column \(column + 1)")
            }
        }
        for (column, width) in widths.enumerated() {
            let fixed = column < columns.count ? columns[column].width : nil
            try workbook.check(
                worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), fixed ?? min(width, Self.widest), nil), "width")
        }
        worksheet_freeze_panes(sheet, 1, 0)
        if lastColumn >= 0 {
            try workbook.check(worksheet_autofilter(sheet, 0, 0, lxw_row_t(row), lxw_col_t(lastColumn)), "autofilter")
        }
        return try workbook.close()
    }

    /// The widest a measured column is made, in characters.
    static let widest: Double = 60

    /// A column width (in characters of the default font) that shows `text`'s longest line,
    /// counted in Unicode scalars over the UTF-8 bytes (every cell of a 30,000-row table passes
    /// here; counting grapheme clusters took most of the table's writing time).
    static func width(of text: String) -> Double {
        var longest = 0
        var current = 0
        for byte in text.utf8 {
            if byte == 0x0A {
                longest = max(longest, current)
                current = 0
            } else if byte & 0xC0 != 0x80 {
                current += 1
            }
        }
        return max(8, Double(max(longest, current)) + 2)
    }
}
