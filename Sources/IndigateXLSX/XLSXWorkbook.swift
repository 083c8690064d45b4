import Foundation

/// An untrusted `.xlsx`, opened for reading within ``XLSXReadLimits``: its worksheets in order,
/// its defined names and custom properties, and any worksheet's cells on demand. Parts are found
/// the way OPC says, through the relationship parts (`_rels/.rels`, then the workbook's), so a
/// LibreOffice file, whose parts may be named otherwise, reads like an Excel one.
package final class XLSXWorkbook {
    /// A worksheet of the workbook (chartsheets and dialog sheets are left out).
    package struct SheetEntry: Sendable, Equatable {
        package var name: String
        /// The entry of its part in the archive.
        package var part: String
    }

    /// Worksheets in the workbook's order (the first is the one a spreadsheet opens on, unless
    /// told otherwise).
    package let sheets: [SheetEntry]
    package let definedNames: [DefinedName]

    private let archive: XLSXArchive
    private let limits: XLSXReadLimits
    private let customPart: String?
    private let sharedStringsPart: String?
    private var sharedStrings: SharedStrings?

    package init(_ bytes: [UInt8], limits: XLSXReadLimits = .form) throws {
        self.limits = limits
        archive = try XLSXArchive(bytes, limits: limits)
        let root = try PartRelationships(of: "", in: archive, limits: limits)
        let workbookPart = root.first("officeDocument")?.part ?? "xl/workbook.xml"
        guard let workbookData = try archive.read(workbookPart) else {
            throw XLSXReadError.missingPart(XLSXReadError.quoted(workbookPart))
        }
        let workbook = try WorkbookPart(workbookData, part: workbookPart, limits: limits)
        let relationships = try PartRelationships(of: workbookPart, in: archive, limits: limits)
        sheets = workbook.sheets.compactMap { sheet in
            guard let relationship = relationships.withID(sheet.relationshipID), relationship.kind == "worksheet",
                let part = relationship.part
            else { return nil }
            return SheetEntry(name: sheet.name, part: part)
        }
        definedNames = workbook.definedNames
        sharedStringsPart = relationships.first("sharedStrings")?.part
        customPart = root.first("custom-properties")?.part
    }

    /// The custom document properties, by name; empty when the file has none.
    package func customProperties() throws -> [String: String] {
        guard let customPart, let data = try archive.read(customPart) else { return [:] }
        return try CustomProperties.read(data, part: customPart, limits: limits)
    }

    /// The cells of `sheet`. Throws ``XLSXReadError/missingPart(_:)`` when its part is missing.
    package func worksheet(_ sheet: SheetEntry) throws -> Worksheet {
        guard let data = try archive.read(sheet.part) else { throw XLSXReadError.missingPart(XLSXReadError.quoted(sheet.part)) }
        return try WorksheetPart.read(
            data, part: sheet.part, name: sheet.name, sharedStrings: try loadSharedStrings(), limits: limits)
    }

    /// The shared-string table, read once, when the first worksheet needs it.
    private func loadSharedStrings() throws -> SharedStrings {
        if let sharedStrings { return sharedStrings }
        var table = SharedStrings()
        if let sharedStringsPart, let data = try archive.read(sharedStringsPart) {
            table = try SharedStrings(data, part: sharedStringsPart, limits: limits)
        }
        sharedStrings = table
        return table
    }
}
