import Foundation

/// Reads a filled request form from untrusted `.xlsx` bytes: the token, INN and round wherever
/// they survived, and every indicator row with its two input cells, faithfully, by the code column
/// rather than by position, so rows people insert and files LibreOffice rewrites read the same.
///
/// The sheet, columns and first row come from the defined names ``FormWriter`` made (which
/// spreadsheets move along with inserted rows, columns and renamed sheets). Without them it falls
/// back on the first worksheet, ``FormLayout``'s columns, and rows whose code cell looks like a code.
package struct FormReader: Sendable {
    package var limits: XLSXReadLimits

    package init(limits: XLSXReadLimits = .form) {
        self.limits = limits
    }

    /// The form in `bytes`. Throws ``XLSXReadError`` for anything that is not a readable workbook
    /// within the limits; a workbook that is not one of our forms reads as a form with no stamp
    /// and, usually, no rows.
    package func read(_ bytes: [UInt8]) throws -> FilledForm {
        let workbook = try XLSXWorkbook(bytes, limits: limits)
        guard let firstSheet = workbook.sheets.first else { throw XLSXReadError.noWorksheet }
        let names = FormNames(workbook)
        let entry = names.sheet.flatMap { name in workbook.sheets.first { $0.name == name } } ?? firstSheet
        let sheet = try workbook.worksheet(entry)
        let onSheet = names.sheet == entry.name
        var stamps: [FormStamp] = []
        if onSheet {
            let stamp = FormStamp(
                place: .namedCells, token: text(sheet, names.token), inn: text(sheet, names.inn),
                round: text(sheet, names.round))
            if !stamp.isEmpty { stamps.append(stamp) }
        }
        let properties = try workbook.customProperties()
        let fromProperties = FormStamp(
            place: .customProperties, token: nonEmpty(properties[FormLayout.tokenProperty]),
            inn: nonEmpty(properties[FormLayout.innProperty]), round: nonEmpty(properties[FormLayout.roundProperty]))
        if !fromProperties.isEmpty { stamps.append(fromProperties) }
        if !onSheet {
            let stamp = FormStamp(
                place: .layoutCells,
                token: text(sheet, Self.layoutCell(FormLayout.rows.token, FormLayout.stampValueColumn)),
                inn: text(sheet, Self.layoutCell(FormLayout.rows.inn, FormLayout.stampValueColumn)),
                round: text(sheet, Self.layoutCell(FormLayout.roundCell.row, FormLayout.roundCell.column)))
            if !stamp.isEmpty { stamps.append(stamp) }
        }
        let rows = onSheet && names.codes != nil ? namedRows(sheet, names) : layoutRows(sheet)
        return FilledForm(sheetName: entry.name, stamps: stamps, rows: rows, foundNames: onSheet && names.codes != nil)
    }

    /// Rows from the first row of `indigate_codes` down, in its column, whose code cell holds text.
    private func namedRows(_ sheet: Worksheet, _ names: FormNames) -> [FilledRow] {
        guard let codes = names.codes else { return [] }
        let valueColumn = names.values?.first.column ?? FormLayout.columns.value + 1
        let wholeColumn = names.wholes?.first.column ?? FormLayout.columns.whole + 1
        return rows(
            sheet, codeColumn: codes.first.column, from: codes.first.row, valueColumn: valueColumn, wholeColumn: wholeColumn
        ) {
            !$0.isEmpty
        }
    }

    /// Rows of the fixed layout whose code cell looks like an indicator code.
    private func layoutRows(_ sheet: Worksheet) -> [FilledRow] {
        let columns = FormLayout.columns
        return rows(sheet, codeColumn: columns.code + 1, from: 1, valueColumn: columns.value + 1, wholeColumn: columns.whole + 1)
        {
            Self.looksLikeCode($0)
        }
    }

    private func rows(
        _ sheet: Worksheet, codeColumn: Int, from firstRow: Int, valueColumn: Int, wholeColumn: Int,
        accept: (String) -> Bool
    ) -> [FilledRow] {
        var found: [FilledRow] = []
        var rowNumbers = Set<Int>()
        for reference in sheet.cells.keys where reference.column == codeColumn && reference.row >= firstRow {
            rowNumbers.insert(reference.row)
        }
        for row in rowNumbers.sorted() {
            guard
                let code = sheet.shown(at: CellReference(row: row, column: codeColumn))?.value.text
                    .trimmingCharacters(in: .whitespacesAndNewlines), accept(code)
            else { continue }
            found.append(
                FilledRow(
                    row: row, code: code, value: cell(sheet, CellReference(row: row, column: valueColumn)),
                    whole: cell(sheet, CellReference(row: row, column: wholeColumn))))
        }
        return found
    }

    private func cell(_ sheet: Worksheet, _ reference: CellReference) -> FilledCell {
        let shown = sheet.shown(at: reference)
        return FilledCell(reference: reference, value: shown?.value, mergedFrom: shown?.mergedFrom)
    }

    private func text(_ sheet: Worksheet, _ reference: CellReference?) -> String? {
        guard let reference else { return nil }
        return nonEmpty(sheet.shown(at: reference)?.value.text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    private static func layoutCell(_ row: Int, _ column: Int) -> CellReference {
        CellReference(row: row + 1, column: column + 1)
    }

    /// `1`, `1.3`, `12.4.2`: digits in groups separated by single dots, at most 16 characters.
    static func looksLikeCode(_ text: String) -> Bool {
        guard (1...16).contains(text.utf8.count), let first = text.utf8.first, let last = text.utf8.last,
            first != UInt8(ascii: "."), last != UInt8(ascii: ".")
        else { return false }
        var previousDot = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                if previousDot { return false }
                previousDot = true
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                previousDot = false
            } else {
                return false
            }
        }
        return true
    }
}
