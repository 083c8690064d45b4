/// The smallest `.xlsx` the reader accepts, entry by entry, for hostile variants: one sheet, a
/// shared-string table, relationships; no content types or styles, which the reader never reads.
enum MinimalWorkbook {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let package = "http://schemas.openxmlformats.org/package/2006/relationships"

    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="\(package)">\
        <Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """
    static let workbook = """
        <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" xmlns:r="\(relationships)">\
        <sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    static let workbookRelationships = """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="\(package)">\
        <Relationship Id="rId1" Type="\(relationships)/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="\(relationships)/sharedStrings" Target="sharedStrings.xml"/></Relationships>
        """
    static let sharedStrings = """
        <?xml version="1.0" encoding="UTF-8"?><sst xmlns="\(main)"><si><t>1.1</t></si></sst>
        """

    /// A worksheet whose `<sheetData>` holds `rows`.
    static func sheet(_ rows: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData></worksheet>"
    }

    /// The workbook's entries, with `sheet1.xml` holding `rows`.
    static func builder(rows: String = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"D1\"><v>5</v></c></row>")
        -> ZipBuilder
    {
        var zip = ZipBuilder()
        zip.add("_rels/.rels", rootRelationships)
        zip.add("xl/workbook.xml", workbook)
        zip.add("xl/_rels/workbook.xml.rels", workbookRelationships)
        zip.add("xl/sharedStrings.xml", sharedStrings)
        zip.add("xl/worksheets/sheet1.xml", sheet(rows))
        return zip
    }
}
