/// The cells of one worksheet that hold something, and its merged ranges. Empty cells (formatting
/// only) are not kept.
package struct Worksheet: Sendable {
    /// The sheet's name as the workbook lists it.
    package var name: String
    package var cells: [CellReference: CellValue]
    package var mergedRanges: [CellRange]

    package init(name: String, cells: [CellReference: CellValue] = [:], mergedRanges: [CellRange] = []) {
        self.name = name
        self.cells = cells
        self.mergedRanges = mergedRanges
    }

    /// What a person sees at `cell`: its own value, or, when it lies inside a merged range and holds
    /// nothing itself, the value of the range's top-left cell (`mergedFrom`), which the range shows.
    package func shown(at cell: CellReference) -> (value: CellValue, mergedFrom: CellReference?)? {
        if let value = cells[cell] { return (value, nil) }
        guard let range = mergedRanges.first(where: { $0.contains(cell) }), range.first != cell,
            let value = cells[range.first]
        else { return nil }
        return (value, range.first)
    }

    /// The cells of `row` in column order; linear in the sheet's cells.
    package func row(_ row: Int) -> [(CellReference, CellValue)] {
        cells.filter { $0.key.row == row }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
