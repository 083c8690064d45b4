import CXLSXWriter

/// Adds the data validation of one input cell: what it accepts, the note shown when it is selected
/// and the error that stops a refused value. The messages are checked against Excel's lengths
/// beforehand (``FormWriter``), so libxlsxwriter's own check does not fire.
struct FormValidation {
    let workbook: LXWWorkbook
    let sheet: UnsafeMutablePointer<lxw_worksheet>

    /// Excel's limits on validation texts, in characters (libxlsxwriter counts code points).
    static let titleLimit = 32
    static let messageLimit = 255
    static let listLimit = 255

    /// A whole number ≥ 0.
    func wholeNumber(row: Int, column: Int, messages: ValidationMessages) throws {
        try add(row: row, column: column, messages: messages) { validation, _ in
            validation.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
            validation.value_number = 0
        }
    }

    /// One of `items`, offered as a drop-down list.
    func list(row: Int, column: Int, items: [String], messages: ValidationMessages) throws {
        try add(row: row, column: column, messages: messages) { validation, arena in
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            validation.value_list = try arena.list(items)
        }
    }

    /// Whatever makes `formula` (Excel syntax, with its `=`) true.
    func custom(row: Int, column: Int, formula: String, messages: ValidationMessages) throws {
        try add(row: row, column: column, messages: messages) { validation, arena in
            validation.validate = UInt8(LXW_VALIDATION_TYPE_CUSTOM_FORMULA.rawValue)
            validation.value_formula = try arena.copy(formula)
        }
    }

    private func add(
        row: Int, column: Int, messages: ValidationMessages,
        _ rule: (inout lxw_data_validation, CStringArena) throws -> Void
    ) throws {
        let arena = CStringArena()
        var validation = lxw_data_validation()
        try rule(&validation, arena)
        validation.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
        validation.input_title = try arena.copy(messages.inputTitle)
        validation.input_message = try arena.copy(messages.inputMessage)
        validation.error_title = try arena.copy(messages.errorTitle)
        validation.error_message = try arena.copy(messages.errorMessage)
        try workbook.check(
            worksheet_data_validation_cell(sheet, lxw_row_t(row), lxw_col_t(column), &validation),
            "data validation of row \(row + 1)")
    }
}
