import Foundation
import Testing

@testable import IndigateXLSX

/// Attacker-made files: each is refused with the typed error of the limit or rule that stops it,
/// which bounds the work by construction (the limits of ``XLSXReadLimits``), and none crashes.
@Suite struct HostileInputTests {
    let limits = XLSXReadLimits.form

    private func refusal(_ bytes: [UInt8], limits: XLSXReadLimits = .form) -> XLSXReadError? {
        do {
            _ = try FormReader(limits: limits).read(bytes)
            return nil
        } catch let error as XLSXReadError {
            return error
        } catch {
            Issue.record("not an XLSXReadError: \(error)")
            return nil
        }
    }

    @Test func theMinimalWorkbookReads() throws {
        let form = try FormReader().read(MinimalWorkbook.builder().build())
        #expect(form.rows.map(\.code) == ["1.1"])
        #expect(form.rows.first?.value.value?.text == "5")
    }

    @Test func zipBombRefusedOnItsDeclaredSize() {
        #expect(
            refusal(Fixture.bytes("zip-bomb-1gib-zeros.xlsx"))
                == .entryTooLarge(entry: "xl/worksheets/sheet1.xml", limit: limits.entryBytes))
    }

    @Test func zipBombThatLiesAboutItsSizeStopsAtTheLimit() {
        var zip = ZipBuilder()
        zip.entries = ZipBuilder.entries(of: Fixture.bytes("zip-bomb-1gib-zeros.xlsx"))
        for index in zip.entries.indices where zip.entries[index].name == "xl/worksheets/sheet1.xml" {
            zip.entries[index].declaredSize = 4_000
        }
        #expect(zip.entries.count == 11)
        // Inflation stops at the limits (20 MiB for everything read), not after 1 GiB.
        #expect(refusal(zip.build()) == .totalTooLarge(limit: limits.totalBytes))
        var small = XLSXReadLimits.form
        small.entryBytes = 1 << 20
        #expect(refusal(zip.build(), limits: small) == .entryTooLarge(entry: "xl/worksheets/sheet1.xml", limit: 1 << 20))
    }

    @Test func hundredThousandEntries() {
        var zip = MinimalWorkbook.builder()
        for index in 0..<100_000 { zip.add("xl/media/e\(index)", bytes: []) }
        // Past 65,535 entries a ZIP needs ZIP64 records, which no form of this size has.
        #expect(refusal(zip.build()) == .unsupportedZip("ZIP64"))
        zip.entries.removeLast(40_000)
        #expect(refusal(zip.build()) == .tooManyEntries(limit: limits.entries))
    }

    /// A deflate stream that has not ended when its data does (a stored block cut short): zlib is
    /// given exactly the entry's bytes, so it stops. ZIPFoundation 0.9.20 reads on past them into
    /// the directory, and spins forever once the archive ends before the stream does.
    @Test func unterminatedDeflateStream() {
        var zip = MinimalWorkbook.builder()
        zip.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        let cut: [UInt8] = [0x00, 0x05, 0x00, 0xFA, 0xFF, 0x61, 0x62]
        zip.entries.append(.init(name: "xl/worksheets/sheet1.xml", data: cut, method: 8, crc: 0, declaredSize: 5))
        #expect(refusal(zip.build()) == .damagedEntry("xl/worksheets/sheet1.xml"))
        // A stored block that claims 65,535 bytes at the very end: ZIPFoundation 0.9.20 never returns.
        zip.entries.removeLast()
        let open: [UInt8] = [0x00, 0xFF, 0xFF, 0x00, 0x00]
        zip.entries.append(.init(name: "xl/worksheets/sheet1.xml", data: open, method: 8, crc: 0, declaredSize: 5))
        #expect(refusal(zip.build()) == .damagedEntry("xl/worksheets/sheet1.xml"))
    }

    @Test func doctypeWithEntitiesRefusedBeforeParsing() {
        let laughs = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">\
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><workbook><sheets><sheet name="&lol3;" sheetId="1" \
            r:id="rId1" xmlns:r="\(MinimalWorkbook.relationships)"/></sheets></workbook>
            """
        var zip = MinimalWorkbook.builder()
        zip.replace("xl/workbook.xml", laughs)
        #expect(
            refusal(zip.build())
                == .forbiddenXML(part: "xl/workbook.xml", reason: "markup declaration (DOCTYPE or ENTITY)"))
        let external = """
            <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><sst><si><t>&e;</t></si></sst>
            """
        zip = MinimalWorkbook.builder()
        zip.replace("xl/sharedStrings.xml", external)
        #expect(
            refusal(zip.build())
                == .forbiddenXML(part: "xl/sharedStrings.xml", reason: "markup declaration (DOCTYPE or ENTITY)"))
    }

    @Test func otherEncodingsRefused() {
        var zip = MinimalWorkbook.builder()
        zip.replace("xl/workbook.xml", #"<?xml version="1.0" encoding="ISO-8859-1"?><workbook/>"#)
        #expect(refusal(zip.build()) == .forbiddenXML(part: "xl/workbook.xml", reason: "encoding iso-8859-1"))
        zip = MinimalWorkbook.builder()
        let utf16: [UInt8] = [0xFF, 0xFE] + MinimalWorkbook.workbook.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        zip.entries.removeAll { $0.name == "xl/workbook.xml" }
        zip.add("xl/workbook.xml", bytes: utf16)
        #expect(refusal(zip.build()) == .forbiddenXML(part: "xl/workbook.xml", reason: "UTF-16"))
    }

    @Test func hugeSharedStringTable() {
        var zip = MinimalWorkbook.builder()
        let strings = String(repeating: "<si><t>x</t></si>", count: limits.sharedStrings + 1)
        zip.replace("xl/sharedStrings.xml", "<sst xmlns=\"\(MinimalWorkbook.main)\">\(strings)</sst>")
        #expect(refusal(zip.build()) == .tooManySharedStrings(limit: limits.sharedStrings))
    }

    @Test func nestedSharedStringsAndDeepNesting() {
        var zip = MinimalWorkbook.builder()
        zip.replace("xl/sharedStrings.xml", "<sst><si><si><t>x</t></si></si></sst>")
        #expect(refusal(zip.build()) == .invalidContent(part: "xl/sharedStrings.xml", detail: "nested <si>"))
        zip = MinimalWorkbook.builder()
        let depth = 100_000
        zip.replace(
            "xl/sharedStrings.xml",
            "<sst><si>" + String(repeating: "<r>", count: depth) + String(repeating: "</r>", count: depth) + "</si></sst>")
        #expect(refusal(zip.build()) == .xmlTooDeep(part: "xl/sharedStrings.xml", limit: limits.xmlDepth))
    }

    @Test func absurdCellReferences() {
        let lastCell = MinimalWorkbook.builder(rows: #"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#)
        #expect(refusal(lastCell.build()) == .cellOutOfRange("XFD1048576"))
        let beyondExcel = MinimalWorkbook.builder(rows: #"<row><c r="A99999999"><v>1</v></c></row>"#)
        #expect(refusal(beyondExcel.build()) == .cellOutOfRange("A99999999"))
        let merged = MinimalWorkbook.builder(rows: "</sheetData><mergeCells><mergeCell ref=\"A1:XFD1\"/></mergeCells><sheetData>")
        #expect(refusal(merged.build()) == .cellOutOfRange("A1:XFD1"))
        // Formatting alone far away is no content: ignored, not refused.
        let styledOnly = MinimalWorkbook.builder(rows: #"<row r="1048576"><c r="XFD1048576" s="1"/></row>"#)
        #expect(refusal(styledOnly.build()) == nil)
    }

    @Test func sharedStringIndexOutOfTheTable() {
        let zip = MinimalWorkbook.builder(rows: #"<row r="1"><c r="A1" t="s"><v>7</v></c></row>"#)
        #expect(
            refusal(zip.build())
                == .invalidContent(part: "xl/worksheets/sheet1.xml", detail: "shared string index out of the table"))
    }

    @Test(arguments: ["../../etc/passwd", "/etc/passwd", "xl/../../evil.xml", "xl\\..\\..\\evil.xml", "C:/evil"])
    func pathTraversalNames(_ name: String) {
        var zip = MinimalWorkbook.builder()
        zip.add(name, "owned")
        #expect(refusal(zip.build()) == .suspiciousEntryName(XLSXReadError.quoted(name)))
    }

    @Test func relationshipClimbingOutIsNotFollowed() {
        var zip = MinimalWorkbook.builder()
        zip.replace(
            "xl/_rels/workbook.xml.rels",
            MinimalWorkbook.workbookRelationships.replacingOccurrences(
                of: "worksheets/sheet1.xml", with: "../../../../etc/passwd"))
        #expect(refusal(zip.build()) == .noWorksheet)
    }

    @Test func duplicateEntryNames() {
        var zip = MinimalWorkbook.builder()
        zip.add("XL/Workbook.xml", MinimalWorkbook.workbook)
        #expect(refusal(zip.build()) == .suspiciousEntryName("XL/Workbook.xml"))
    }

    @Test func truncatedAtEveryPoint() {
        let whole = Fixture.bytes("libreoffice-filled.xlsx")
        for length in stride(from: 0, to: whole.count, by: 97) {
            #expect(refusal(Array(whole[..<length])) != nil, "cut at \(length)")
        }
    }

    @Test func damagedBytesNeverCrash() {
        let whole = Fixture.bytes("libreoffice-filled.xlsx")
        var generator = SplitMix64(seed: 2026)
        for _ in 0..<300 {
            var damaged = whole
            for _ in 0..<4 {
                damaged[Int(generator.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            _ = refusal(damaged)  // a read or a typed refusal; a crash fails the whole run
        }
    }

    @Test func garbage() {
        var generator = SplitMix64(seed: 7)
        let random = (0..<65_536).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        #expect(refusal([]) == .notZip)
        #expect(refusal(random) == .notZip)
        #expect(refusal(Array("PK\u{3}\u{4}not really a zip".utf8)) == .notZip)
        #expect(refusal(Array("<html><body>Пример</body></html>".utf8)) == .notZip)
        let emptyArchive = ZipBuilder().build()
        #expect(refusal(emptyArchive) == .missingPart("xl/workbook.xml"))
    }

    @Test func tooLargeAFile() {
        #expect(refusal([UInt8](repeating: 0, count: limits.archiveBytes + 1)) == .archiveTooLarge(limit: limits.archiveBytes))
    }

    @Test func tooManyCellsAndElements() {
        let cells = (1...50).map { "<c r=\"A\($0)\"><v>1</v></c>" }.joined()
        var small = XLSXReadLimits.form
        small.cells = 40
        #expect(
            refusal(MinimalWorkbook.builder(rows: "<row>\(cells)</row>").build(), limits: small)
                == .tooManyItems(what: "cells", limit: 40))
        small = .form
        small.xmlElements = 100
        #expect(
            refusal(MinimalWorkbook.builder(rows: "<row>\(cells)</row>").build(), limits: small)
                == .tooManyXMLElements(part: "xl/worksheets/sheet1.xml", limit: 100))
    }

    @Test func malformedXML() {
        let zip = MinimalWorkbook.builder(rows: "<row><c r=\"A1\"><v>1</c></row>")
        #expect(refusal(zip.build()) == .malformedXML(part: "xl/worksheets/sheet1.xml", line: 1))
    }
}
