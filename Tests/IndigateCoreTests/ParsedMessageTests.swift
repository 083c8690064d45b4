import IndigateCore
import Testing

@Suite struct ParsedMessageTests {
    func attachment(_ bytes: [UInt8]) -> ParsedMessage.Attachment {
        ParsedMessage.Attachment(fileName: "1.2 приказ.pdf", contentType: "application/pdf", bytes: bytes)
    }

    static let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    @Test func recognisesAWholePDF() {
        #expect(attachment(Self.pdf).looksLikePDF)
    }

    @Test func recognisesAPDFWithALongBodyAndEOFNearTheEnd() {
        let body = Array("%PDF-1.7\n".utf8) + Array(repeating: 0x20, count: 100_000) + Array("%%EOF\r\n".utf8)
        #expect(attachment(body).looksLikePDF)
    }

    @Test func refusesATruncatedPDF() {
        #expect(!attachment(Array(Self.pdf.prefix(40))).looksLikePDF)
    }

    @Test func refusesAPDFWhoseEOFIsNotInTheLastKilobyte() {
        let body = Array("%PDF-1.7\n%%EOF\n".utf8) + Array(repeating: 0x20, count: 2_000)
        #expect(!attachment(body).looksLikePDF)
    }

    @Test func refusesBytesThatAreNotAPDF() {
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0, count: 40) + Array("%%EOF".utf8)
        #expect(!attachment(jpeg).looksLikePDF)
        #expect(!attachment(Array("Это не PDF, а текст. %%EOF".utf8)).looksLikePDF)
        #expect(!attachment([]).looksLikePDF)
    }

    @Test func refusesAHeaderWithoutABody() {
        #expect(!attachment(Array("%PDF-%%EOF".utf8)).looksLikePDF)
    }
}
