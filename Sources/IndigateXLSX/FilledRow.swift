/// One indicator row of a filled form: a row whose code cell holds something, with its two input
/// cells as they are. Whether they answer the indicator is for the application to judge.
package struct FilledRow: Sendable, Equatable {
    /// The row's number as the spreadsheet shows it (1-based).
    package var row: Int
    /// The code cell's text, without surrounding whitespace (`1.3`).
    package var code: String
    /// The value column: the answer, or a percentage's part.
    package var value: FilledCell
    /// The whole column: a percentage's whole; empty for other answers unless someone typed there.
    package var whole: FilledCell

    package init(row: Int, code: String, value: FilledCell, whole: FilledCell) {
        self.row = row
        self.code = code
        self.value = value
        self.whole = whole
    }
}
