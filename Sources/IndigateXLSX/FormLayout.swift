/// Where a form puts things: shared by ``FormWriter``, which lays the form out, and ``FormReader``,
/// which falls back on these positions when a filled form has lost its defined names.
///
/// Rows and columns are 0-based here, as libxlsxwriter counts them (row 0 is Excel's row 1):
///
///     row 0  title (A:E merged)
///     row 1  B organisation label   C:E organisation name
///     row 2  B INN label            C INN              D round label      E round
///     row 3  B token label          C token (small)    D deadline label   E deadline
///     row 4  instructions (A:E merged)
///     row 5  headings — frozen above the table
///     row 6… A code   B question   C hint   D value (a percentage's part)   E whole
///
/// The token, INN and round are each stored twice: in their cell, which a workbook-scope defined
/// name points to, and in a custom document property of the same name. The defined names follow
/// rows and columns that people insert; ``codesName``, ``valuesName`` and ``wholesName`` span the
/// table's three columns.
package enum FormLayout {
    static let columns = (code: 0, question: 1, hint: 2, value: 3, whole: 4)
    static let columnWidths: [Double] = [9, 62, 34, 16, 16]
    static let rows = (title: 0, organisation: 1, inn: 2, token: 3, instructions: 4, headings: 5, firstIndicator: 6)
    static let stampValueColumn = 2
    static let roundCell = (row: 2, column: 4)
    static let deadlineCell = (row: 3, column: 4)
    static let lastColumn = 4

    package static let tokenName = "indigate_token"
    package static let innName = "indigate_inn"
    package static let roundName = "indigate_round"
    package static let codesName = "indigate_codes"
    package static let valuesName = "indigate_values"
    package static let wholesName = "indigate_wholes"

    package static let tokenProperty = "indigate_token"
    package static let innProperty = "indigate_inn"
    package static let roundProperty = "indigate_round"
}
