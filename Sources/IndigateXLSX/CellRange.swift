/// A rectangle of cells, `A7:A20`, or one cell, `C4`.
package struct CellRange: Hashable, Sendable, CustomStringConvertible {
    package var first: CellReference
    package var last: CellReference

    package init(first: CellReference, last: CellReference) {
        self.first = CellReference(row: min(first.row, last.row), column: min(first.column, last.column))
        self.last = CellReference(row: max(first.row, last.row), column: max(first.column, last.column))
    }

    /// Parses `A7:A20`, `$A$7:$A$20` or `C4`; `nil` for anything else.
    package init?<S: StringProtocol>(_ text: S) {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count <= 2, let first = CellReference(parts[0]) else { return nil }
        guard parts.count == 2 else {
            self.init(first: first, last: first)
            return
        }
        guard let last = CellReference(parts[1]) else { return nil }
        self.init(first: first, last: last)
    }

    package func contains(_ cell: CellReference) -> Bool {
        (first.row...last.row).contains(cell.row) && (first.column...last.column).contains(cell.column)
    }

    package var description: String { first == last ? first.description : "\(first):\(last)" }
}
