import Foundation

/// A name the workbook defines (Excel's Name Manager), with what it refers to as written:
/// `'Форма'!$C$4`, `Форма!$A$7:$A$20`.
package struct DefinedName: Sendable, Equatable {
    package var name: String
    /// The 0-based position of the sheet it is local to, or `nil` for a workbook-wide name.
    package var localSheet: Int?
    package var formula: String

    /// The sheet and range `formula` names, when it is a single plain reference (`Sheet!$A$1` or
    /// `'My sheet'!$A$1:$B$9`); `nil` for anything else (formulas, lists, `#REF!`).
    package var target: (sheet: String, range: CellRange)? {
        var text = Substring(formula)
        if text.hasPrefix("=") { text = text.dropFirst() }
        guard let bang = text.lastIndex(of: "!") else { return nil }
        var sheet = String(text[..<bang])
        if sheet.hasPrefix("'") {
            guard sheet.count >= 2, sheet.hasSuffix("'") else { return nil }
            sheet = String(sheet.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        guard !sheet.isEmpty, let range = CellRange(text[text.index(after: bang)...]) else { return nil }
        return (sheet, range)
    }
}
