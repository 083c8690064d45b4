/// How much of an untrusted `.xlsx` the reader will look at before refusing it. Each limit bounds
/// memory or work by construction: the bytes it inflates, the XML elements it walks, the cells and
/// strings it keeps. The defaults (``form``) are generous for a one-sheet form of a few hundred
/// rows and refuse anything far beyond.
package struct XLSXReadLimits: Sendable, Equatable {
    /// The file itself.
    package var archiveBytes = 20 << 20
    /// Entries in the ZIP's central directory (an `.xlsx` has 10 to 40).
    package var entries = 1_000
    /// Each entry's uncompressed size, as declared and as actually inflated.
    package var entryBytes = 20 << 20
    /// All the entries that are inflated, together.
    package var totalBytes = 20 << 20
    /// Nesting of XML elements (a worksheet nests 5 deep).
    package var xmlDepth = 32
    /// XML elements in one part.
    package var xmlElements = 1_000_000
    /// Strings in the shared-string table.
    package var sharedStrings = 100_000
    /// Cells kept from one worksheet.
    package var cells = 200_000
    /// The highest row and column a cell or merged range may name (1-based).
    package var rows = 10_000
    package var columns = 1_024
    /// Merged ranges of one worksheet.
    package var mergedRanges = 10_000
    /// Sheets listed in the workbook, and names it defines.
    package var sheets = 256
    package var definedNames = 1_000

    package init() {}

    /// For filled request forms.
    package static let form = XLSXReadLimits()

    /// For data tables of tens of thousands of rows (such as ``TableWriter`` makes).
    package static var table: XLSXReadLimits {
        var limits = XLSXReadLimits()
        limits.archiveBytes = 100 << 20
        limits.entryBytes = 400 << 20
        limits.totalBytes = 400 << 20
        limits.xmlElements = 20_000_000
        limits.sharedStrings = 2_000_000
        limits.cells = 2_000_000
        limits.rows = CellReference.maxRow
        limits.columns = CellReference.maxColumn
        return limits
    }
}
