import Foundation
import IndigateCore
import IndigatePDF
import Testing

/// Pages, encryption, damage and files that are no PDF: each fixture's whole inspection, exactly.
@Suite struct DocumentStateTests {
    func inspect(_ name: String) -> PDFInspection { PDFInspector.inspect(Fixture.bytes(name)) }

    @Test func twoPages() {
        #expect(inspect("two-pages.pdf") == PDFInspection(pages: 2, encrypted: false, active: [], problem: nil))
    }

    /// A user password: nothing inside can be read.
    @Test func encryptedWithUserPassword() {
        #expect(
            inspect("encrypted-user-password.pdf") == PDFInspection(pages: nil, encrypted: true, active: [], problem: .encrypted))
    }

    /// An empty user password opens without asking, but the file is still encrypted.
    @Test func encryptedWithEmptyPassword() {
        #expect(inspect("encrypted-empty-password.pdf") == PDFInspection(pages: 1, encrypted: true, active: [], problem: nil))
    }

    /// A linearized file cut short keeps its first-page trailer, so qpdf recovers it; the page
    /// tree's root (written last by qpdf) is gone, and qpdf counts 0 pages, with warnings.
    @Test func truncatedLinearized() {
        #expect(inspect("truncated.pdf") == PDFInspection(pages: 0, encrypted: false, active: [], problem: .damaged))
    }

    /// An ordinary file cut short has lost its trailer: qpdf cannot read it at all.
    @Test func truncatedWithoutTrailer() {
        #expect(inspect("truncated-no-trailer.pdf") == PDFInspection(pages: nil, encrypted: false, active: [], problem: .notPDF))
    }

    @Test func jpegNamedPDF() {
        #expect(inspect("not-a-pdf.pdf") == PDFInspection(pages: nil, encrypted: false, active: [], problem: .notPDF))
    }

    @Test func pageTreeLoop() {
        #expect(inspect("page-tree-loop.pdf") == PDFInspection(pages: nil, encrypted: false, active: [], problem: .damaged))
    }

    /// 5,000 nested arrays: qpdf stops at 500 and warns; nothing recurses.
    @Test func deepNesting() {
        #expect(inspect("deep-nesting.pdf") == PDFInspection(pages: 1, encrypted: false, active: [], problem: .damaged))
    }

    /// A trailer claiming 2^31 − 1 objects: qpdf warns, and the walk does not sweep that many ids.
    @Test func hugeClaimedSize() {
        #expect(inspect("huge-size.pdf") == PDFInspection(pages: 1, encrypted: false, active: [], problem: .damaged))
    }

    /// A stray token in the page dictionary: qpdf warns while walking the page tree and still
    /// counts the page.
    @Test func badTokenInPage() {
        #expect(inspect("bad-token-in-page.pdf") == PDFInspection(pages: 1, encrypted: false, active: [], problem: .damaged))
    }

    /// Flipped bytes inside a Flate stream: the structure is intact, decoding the stream fails.
    /// (qpdf_check_pdf would not see it: its writer passes plain Flate streams through.)
    @Test func corruptFlateStream() {
        #expect(inspect("bad-flate-stream.pdf") == PDFInspection(pages: 1, encrypted: false, active: [], problem: .damaged))
    }

    /// An object nothing refers to, listed in the cross-reference table under the wrong
    /// generation: the walk never meets it, resolving every listed object does.
    @Test func crossReferenceEntryOfAnotherGeneration() {
        #expect(inspect("xref-wrong-generation.pdf") == PDFInspection(pages: 1, encrypted: false, active: [], problem: .damaged))
    }

    /// 2 KB that decode to 1 GiB (Flate in Flate): its worst case, over 256 MiB, keeps it from
    /// being decoded at all, so it costs nothing. Not damage: nothing wrong was found.
    @Test func decompressionBombIsNotDecoded() {
        #expect(inspect("decompression-bomb.pdf") == PDFInspection(pages: 1, encrypted: false, active: [], problem: nil))
    }

    @Test func emptyAndOversizedInputAreNotPDFs() {
        let notPDF = PDFInspection(pages: nil, encrypted: false, active: [], problem: .notPDF)
        #expect(PDFInspector.inspect([]) == notPDF)
        #expect(PDFInspector.inspect(Array("%PDF-1.7\n%%EOF\n".utf8)) == notPDF)
        #expect(PDFInspector.inspect([UInt8](repeating: 0x20, count: PDFInspector.maxBytes + 1)) == notPDF)
    }

    @Test func inspectionEncodesWithStableNames() throws {
        let inspection = PDFInspection(pages: 3, encrypted: true, active: [.polyglot, .javaScript, .polyglot], problem: .damaged)
        #expect(inspection.active == [.javaScript, .polyglot])
        let json = String(decoding: try JSONEncoder().encode(inspection), as: UTF8.self)
        #expect(json.contains(#""active":["javaScript","polyglot"]"#) && json.contains(#""problem":"damaged""#))
        #expect(try JSONDecoder().decode(PDFInspection.self, from: Data(json.utf8)) == inspection)
    }
}
