/// One input cell of a filled form: where it is and what it shows.
package struct FilledCell: Sendable, Equatable {
    package var reference: CellReference
    /// `nil` when the cell is empty.
    package var value: CellValue?
    /// Set when the cell is covered by a merged range and ``value`` is the range's (its top-left
    /// cell's), as the person saw it.
    package var mergedFrom: CellReference?

    package init(reference: CellReference, value: CellValue?, mergedFrom: CellReference? = nil) {
        self.reference = reference
        self.value = value
        self.mergedFrom = mergedFrom
    }
}
