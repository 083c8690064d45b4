import CXLSXWriter

/// Writes the cells of one form's worksheet: the stamp above, then the table. Positions come from
/// ``FormLayout``; rows and columns are 0-based, as libxlsxwriter counts them.
struct FormPage {
    let workbook: LXWWorkbook
    let sheet: UnsafeMutablePointer<lxw_worksheet>
    let formats: FormFormats

    /// Points per line of 11-point text, for the rows whose height Excel does not fit by itself
    /// (merged cells).
    private static let lineHeight = 15.0

    /// Title, organisation, INN, round, token, deadline and instructions; column widths; the frozen
    /// headings; printing on one page's width.
    func writeStamp(_ spec: FormSpec) throws {
        let rows = FormLayout.rows
        let wording = spec.wording
        let last = FormLayout.lastColumn
        for (column, width) in FormLayout.columnWidths.enumerated() {
            try check(worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil), "column width")
        }
        try merge(rows.title, 0, last, spec.title, formats.title)
        try setHeight(rows.title, lines: Self.lines(spec.title, columns: 0...last), pointsPerLine: 20)
        try write(rows.organisation, 1, wording.organisationLabel, formats.label)
        try merge(rows.organisation, FormLayout.stampValueColumn, last, spec.organisationName, formats.stampValue)
        try setHeight(rows.organisation, lines: Self.lines(spec.organisationName, columns: FormLayout.stampValueColumn...last))
        try write(rows.inn, 1, wording.innLabel, formats.label)
        try write(rows.inn, FormLayout.stampValueColumn, spec.inn, formats.stampValue)
        try write(FormLayout.roundCell.row, FormLayout.roundCell.column - 1, wording.roundLabel, formats.label)
        try write(FormLayout.roundCell.row, FormLayout.roundCell.column, spec.round, formats.stampValue)
        try write(rows.token, 1, wording.tokenLabel, formats.label)
        try write(rows.token, FormLayout.stampValueColumn, spec.token, formats.token)
        try write(FormLayout.deadlineCell.row, FormLayout.deadlineCell.column - 1, wording.deadlineLabel, formats.label)
        try write(FormLayout.deadlineCell.row, FormLayout.deadlineCell.column, spec.deadline, formats.stampValue)
        try merge(rows.instructions, 0, last, spec.instructions, formats.instructions)
        try setHeight(rows.instructions, lines: Self.lines(spec.instructions, columns: 0...last))
        worksheet_freeze_panes(sheet, lxw_row_t(rows.headings + 1), 0)
        worksheet_set_landscape(sheet)
        worksheet_fit_to_pages(sheet, 1, 0)
        try check(worksheet_repeat_rows(sheet, lxw_row_t(rows.headings), lxw_row_t(rows.headings)), "repeat rows")
    }

    /// Headings, one row per indicator with its validations, the first input selected, and the
    /// sheet's protection.
    func writeTable(_ spec: FormSpec) throws {
        let wording = spec.wording
        let columns = FormLayout.columns
        let headings = FormLayout.rows.headings
        try write(headings, columns.code, wording.codeHeading, formats.heading)
        try write(headings, columns.question, wording.questionHeading, formats.heading)
        try write(headings, columns.hint, wording.hintHeading, formats.heading)
        try write(headings, columns.value, wording.valueHeading, formats.heading)
        try write(headings, columns.whole, wording.wholeHeading, formats.heading)
        let headingLines =
            [
                wording.codeHeading, wording.questionHeading, wording.hintHeading, wording.valueHeading,
                wording.wholeHeading,
            ].enumerated().map { Self.lines($1, columns: $0...$0) }.max() ?? 1
        try setHeight(headings, lines: headingLines)
        let validation = FormValidation(workbook: workbook, sheet: sheet)
        for (offset, indicator) in spec.indicators.enumerated() {
            let row = FormLayout.rows.firstIndicator + offset
            try write(row, columns.code, indicator.code, formats.code)
            try write(row, columns.question, indicator.question, formats.question)
            try blank(row, columns.value, formats.input)
            let hint: String
            switch indicator.answer {
            case .number: hint = wording.numberHint
            case .yesNo: hint = wording.yesNoHint
            case .percentage(let partLabel, let wholeLabel):
                hint = [wording.percentageHint, partLabel, wholeLabel].joined(separator: "\n")
            }
            try write(row, columns.hint, hint, formats.hint)
            let lines = max(
                Self.lines(indicator.question, columns: columns.question...columns.question),
                Self.lines(hint, columns: columns.hint...columns.hint, fontSize: 9))
            try setHeight(row, lines: lines)
            switch indicator.answer {
            case .number:
                try blank(row, columns.whole, formats.unused)
                try validation.wholeNumber(row: row, column: columns.value, messages: wording.numberMessages)
            case .yesNo:
                try blank(row, columns.whole, formats.unused)
                try validation.list(
                    row: row, column: columns.value, items: [wording.yes, wording.no], messages: wording.yesNoMessages)
            case .percentage(let partLabel, let wholeLabel):
                try blank(row, columns.whole, formats.input)
                let part = CellReference(row: row + 1, column: columns.value + 1).description
                let whole = CellReference(row: row + 1, column: columns.whole + 1).description
                var partMessages = wording.partMessages
                partMessages.inputMessage = partLabel
                var wholeMessages = wording.wholeMessages
                wholeMessages.inputMessage = wholeLabel
                try validation.custom(
                    row: row, column: columns.value,
                    formula: "=AND(INT(\(part))=\(part),\(part)>=0,OR(ISBLANK(\(whole)),\(part)<=\(whole)))",
                    messages: partMessages)
                try validation.custom(
                    row: row, column: columns.whole,
                    formula: "=AND(INT(\(whole))=\(whole),\(whole)>=0,OR(ISBLANK(\(part)),\(part)<=\(whole)))",
                    messages: wholeMessages)
            }
        }
        let firstInput = lxw_row_t(FormLayout.rows.firstIndicator)
        worksheet_set_selection(sheet, firstInput, lxw_col_t(columns.value), firstInput, lxw_col_t(columns.value))
        var protection = lxw_protection()
        protection.format_columns = 1
        protection.format_rows = 1
        worksheet_protect(sheet, nil, &protection)
    }

    private func write(_ row: Int, _ column: Int, _ text: String, _ format: FormFormats.Format) throws {
        try check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), text, format), "cell \(row + 1):\(column + 1)")
    }

    private func blank(_ row: Int, _ column: Int, _ format: FormFormats.Format) throws {
        try check(worksheet_write_blank(sheet, lxw_row_t(row), lxw_col_t(column), format), "cell \(row + 1):\(column + 1)")
    }

    private func merge(_ row: Int, _ first: Int, _ last: Int, _ text: String, _ format: FormFormats.Format) throws {
        try check(
            worksheet_merge_range(sheet, lxw_row_t(row), lxw_col_t(first), lxw_row_t(row), lxw_col_t(last), text, format),
            "merge in row \(row + 1)")
    }

    /// Sets the height of `row` to `lines` lines of text. Neither Excel nor LibreOffice fits the
    /// height of merged cells, and LibreOffice does not fit rows on opening an `.xlsx` either.
    private func setHeight(_ row: Int, lines: Int, pointsPerLine: Double = lineHeight) throws {
        try check(worksheet_set_row(sheet, lxw_row_t(row), Double(lines) * pointsPerLine + 3, nil), "row height")
    }

    /// About how many lines `text` takes in `columns` at `fontSize`: a line per paragraph and per
    /// width's worth of characters (a column's width counts characters of the 11-point font).
    static func lines(_ text: String, columns: ClosedRange<Int>, fontSize: Double = 11) -> Int {
        let width = columns.reduce(0.0) { $0 + FormLayout.columnWidths[$1] } * 11 / fontSize * 0.95
        return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { lines, paragraph in
            lines + max(1, Int((Double(paragraph.count) / width).rounded(.up)))
        }
    }

    private func check(_ code: lxw_error, _ step: String) throws {
        try workbook.check(code, step)
    }
}
