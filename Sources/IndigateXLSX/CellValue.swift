/// What one cell holds, as the file stores it, before any interpretation: the application's grammar
/// decides whether `1 234` or `1,5` answers an indicator.
package struct CellValue: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// A string: shared, inline, or a formula's text result. Kept exactly, spaces included
        /// (a no-break space in `1 234` stays U+00A0).
        case text
        /// A number as stored: `1234`, `1.5`, `-0.25`, `1E-3`; a date is its serial number (`45627`).
        case number
        /// `TRUE` or `FALSE`.
        case boolean
        /// An error value such as `#DIV/0!`.
        case error
        /// An ISO 8601 date (`t="d"` cells, which some writers use), as written.
        case isoDate
        /// A formula with no cached result (its writer never calculated it): ``text`` is empty.
        case uncalculated
    }

    package var kind: Kind
    /// The content as a person would read it in the cell, but for numbers, which keep the stored
    /// decimal rather than any display format.
    package var text: String
    /// The formula whose cached result this is (`2+3`, without `=`), if the cell has one.
    package var formula: String?

    package init(kind: Kind, text: String, formula: String? = nil) {
        self.kind = kind
        self.text = text
        self.formula = formula
    }
}
