import Foundation
import IndigatePDF
import Testing

/// The first page drawn small with poppler: a PNG of the asked width whose pixels are not all
/// white (the page's text is drawn), and nothing for what poppler cannot open.
@Suite struct FirstPagePreviewTests {
    /// Width and height, from the PNG's IHDR chunk.
    static func size(_ png: [UInt8]) -> (width: Int, height: Int)? {
        guard png.count > 24, png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            Array(png[12..<16]) == Array("IHDR".utf8)
        else { return nil }
        func int(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (int(16), int(20))
    }

    @Test func aReadablePageIsDrawnToAPNGOfTheWidthAsked() throws {
        let png = try #require(FirstPagePreview.png(Fixture.bytes("plain-one-page.pdf")))
        let size = try #require(Self.size(png))
        #expect(size.width == FirstPagePreview.width)
        #expect(size.height > size.width / 2 && size.height <= 4 * size.width, "an A4-ish page")
        #expect(png.count < FirstPagePreview.maxPNGBytes)
        let blank = try #require(FirstPagePreview.png(Self.blankPage()))
        #expect(png != blank, "the page's content is drawn, not only the white")
        let narrow = try #require(FirstPagePreview.png(Fixture.bytes("two-pages.pdf"), width: 80))
        #expect(Self.size(narrow)?.width == 80)
    }

    @Test func whatPopplerCannotOpenGivesNothing() {
        #expect(FirstPagePreview.png(Fixture.bytes("not-a-pdf.pdf")) == nil)
        #expect(FirstPagePreview.png(Fixture.bytes("encrypted-user-password.pdf")) == nil)
        #expect(FirstPagePreview.png([]) == nil)
        #expect(FirstPagePreview.png(Array("%PDF-1.4\n%%EOF\n".utf8)) == nil)
    }

    /// A one-page PDF with nothing on its page.
    static func blankPage() -> [UInt8] {
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 4\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(pdf.utf8)
    }
}
