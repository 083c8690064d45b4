import CXLSXWriter
import Foundation

/// Writes one organisation's request form as `.xlsx` bytes, laid out as ``FormLayout`` says: a
/// stamp (organisation, INN, round, deadline, token), the instructions, and one row per indicator
/// whose input cells alone are unlocked, each with its data validation. The sheet is protected
/// without a password, only so that the layout survives; columns and rows may still be resized.
package struct FormWriter: Sendable {
    /// Where the private temporary folder of each workbook is made; `$TMPDIR` or `/tmp` when `nil`.
    package var temporaryDirectory: String?

    package init(temporaryDirectory: String? = nil) {
        self.temporaryDirectory = temporaryDirectory
    }

    /// The form for `spec`. Throws ``XLSXWriteError/textTooLong(field:limit:)`` for a validation
    /// text or sheet name over Excel's limits, and the other cases if libxlsxwriter or the temporary
    /// file fails.
    package func write(_ spec: FormSpec) throws -> [UInt8] {
        try Self.checkLengths(spec)
        let workbook = try LXWWorkbook(constantMemory: false, temporaryDirectory: temporaryDirectory)
        let sheet = try workbook.addWorksheet(spec.sheetName)
        let formats = try FormFormats(workbook)
        let page = FormPage(workbook: workbook, sheet: sheet, formats: formats)
        try page.writeStamp(spec)
        try page.writeTable(spec)
        try Self.defineNames(spec, workbook)
        try Self.setProperties(spec, workbook)
        return try workbook.close()
    }

    /// The defined names of ``FormLayout``, on the sheet as it is written.
    private static func defineNames(_ spec: FormSpec, _ workbook: LXWWorkbook) throws {
        let sheet = "'" + spec.sheetName.replacingOccurrences(of: "'", with: "''") + "'!"
        func absolute(_ row: Int, _ column: Int) -> String {
            "$" + CellReference.columnName(column + 1) + "$" + String(row + 1)
        }
        var names = [
            (FormLayout.tokenName, absolute(FormLayout.rows.token, FormLayout.stampValueColumn)),
            (FormLayout.innName, absolute(FormLayout.rows.inn, FormLayout.stampValueColumn)),
            (FormLayout.roundName, absolute(FormLayout.roundCell.row, FormLayout.roundCell.column)),
        ]
        if !spec.indicators.isEmpty {
            let first = FormLayout.rows.firstIndicator
            let last = first + spec.indicators.count - 1
            for (name, column) in [
                (FormLayout.codesName, FormLayout.columns.code), (FormLayout.valuesName, FormLayout.columns.value),
                (FormLayout.wholesName, FormLayout.columns.whole),
            ] {
                names.append((name, absolute(first, column) + ":" + absolute(last, column)))
            }
        }
        for (name, target) in names {
            try workbook.check(workbook_define_name(workbook.workbook, name, "=" + sheet + target), "define \(name)")
        }
    }

    /// The custom document properties of ``FormLayout``, and the title among the standard ones.
    private static func setProperties(_ spec: FormSpec, _ workbook: LXWWorkbook) throws {
        for (name, value) in [
            (FormLayout.tokenProperty, spec.token), (FormLayout.innProperty, spec.inn),
            (FormLayout.roundProperty, spec.round),
        ] {
            try workbook.check(
                workbook_set_custom_property_string(workbook.workbook, name, value), "custom property \(name)")
        }
        let arena = CStringArena()
        var properties = lxw_doc_properties()
        properties.title = try arena.copy(spec.title)
        try workbook.check(workbook_set_properties(workbook.workbook, &properties), "document properties")
    }

    /// Refuses, before anything is written, the texts that Excel would not take.
    private static func checkLengths(_ spec: FormSpec) throws {
        func check(_ text: String, _ field: String, _ limit: Int) throws {
            guard text.unicodeScalars.count <= limit else { throw XLSXWriteError.textTooLong(field: field, limit: limit) }
        }
        try check(spec.sheetName, "sheetName", 31)
        let wording = spec.wording
        for (messages, name) in [
            (wording.numberMessages, "numberMessages"), (wording.yesNoMessages, "yesNoMessages"),
            (wording.partMessages, "partMessages"), (wording.wholeMessages, "wholeMessages"),
        ] {
            try check(messages.inputTitle, name + ".inputTitle", FormValidation.titleLimit)
            try check(messages.errorTitle, name + ".errorTitle", FormValidation.titleLimit)
            try check(messages.inputMessage, name + ".inputMessage", FormValidation.messageLimit)
            try check(messages.errorMessage, name + ".errorMessage", FormValidation.messageLimit)
        }
        try check(wording.yes + "," + wording.no, "yes and no", FormValidation.listLimit)
        for indicator in spec.indicators {
            guard case .percentage(let part, let whole) = indicator.answer else { continue }
            try check(part, "partLabel of \(indicator.code)", FormValidation.messageLimit)
            try check(whole, "wholeLabel of \(indicator.code)", FormValidation.messageLimit)
        }
    }
}
