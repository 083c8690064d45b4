import IndigateCore
import IndigatePDF
import Testing

/// Active content in readable PDFs: each fixture's whole inspection, exactly.
@Suite struct ActiveContentTests {
    func inspect(_ name: String) -> PDFInspection { PDFInspector.inspect(Fixture.bytes(name)) }

    @Test func plainPageHasNone() {
        #expect(inspect("plain-one-page.pdf") == PDFInspection(pages: 1, encrypted: false, active: [], problem: nil))
    }

    /// An /OpenAction that shows page 1 and a /URI link are not active.
    @Test func pageDestinationAndWebLinkAreNotActive() {
        #expect(inspect("openaction-goto-and-uri.pdf") == PDFInspection(pages: 1, encrypted: false, active: [], problem: nil))
    }

    @Test func openActionJavaScript() {
        #expect(
            inspect("openaction-javascript.pdf")
                == PDFInspection(pages: 1, encrypted: false, active: [.javaScript, .openAction], problem: nil))
    }

    /// `/S /J#61vaScript` and `/J#53` are the same names to a viewer; qpdf hands them over canonical.
    @Test func hexEscapedNamesAreStillJavaScript() {
        #expect(
            inspect("javascript-hex-escaped-names.pdf")
                == PDFInspection(pages: 1, encrypted: false, active: [.javaScript, .openAction], problem: nil))
    }

    @Test func javaScriptInsideAnObjectStream() {
        #expect(
            inspect("javascript-in-object-stream.pdf")
                == PDFInspection(pages: 1, encrypted: false, active: [.javaScript, .openAction], problem: nil))
    }

    /// Document-level JavaScript (the /Names /JavaScript tree) runs at open without an /OpenAction.
    @Test func documentLevelJavaScript() {
        #expect(inspect("names-javascript.pdf") == PDFInspection(pages: 1, encrypted: false, active: [.javaScript], problem: nil))
    }

    /// A page's /AA /O runs when the page opens.
    @Test func pageAdditionalActionJavaScript() {
        #expect(
            inspect("page-aa-javascript.pdf")
                == PDFInspection(pages: 1, encrypted: false, active: [.javaScript, .openAction], problem: nil))
    }

    /// An object nothing references is still found: the walk sweeps every object id.
    @Test func orphanJavaScript() {
        #expect(
            inspect("orphan-javascript.pdf") == PDFInspection(pages: 1, encrypted: false, active: [.javaScript], problem: nil))
    }

    @Test func launchAction() {
        #expect(inspect("launch-action.pdf") == PDFInspection(pages: 1, encrypted: false, active: [.launch], problem: nil))
    }

    @Test func embeddedExecutable() {
        #expect(inspect("embedded-exe.pdf") == PDFInspection(pages: 1, encrypted: false, active: [.embeddedFile], problem: nil))
    }

    @Test func submitForm() {
        #expect(inspect("submitform.pdf") == PDFInspection(pages: 1, encrypted: false, active: [.submitForm], problem: nil))
    }

    @Test func richMedia() {
        #expect(inspect("richmedia.pdf") == PDFInspection(pages: 1, encrypted: false, active: [.richMedia], problem: nil))
    }

    /// A small ZIP appended after %%EOF: qpdf still finds startxref and reads the PDF cleanly.
    @Test func zipAppendedAfterEOF() {
        #expect(inspect("pdf-zip-polyglot.pdf") == PDFInspection(pages: 1, encrypted: false, active: [.polyglot], problem: nil))
    }

    /// A larger (stored) ZIP pushes startxref out of the kilobyte qpdf searches: qpdf recovers.
    @Test func largerZipAppendedAfterEOF() {
        #expect(
            inspect("pdf-zip-polyglot-stored.pdf")
                == PDFInspection(pages: 1, encrypted: false, active: [.polyglot], problem: .damaged))
    }

    /// A JPEG before %PDF-: more than the kilobyte qpdf looks into for the header, so it recovers.
    @Test func jpegBeforeTheHeader() {
        #expect(
            inspect("jpeg-before-header.pdf")
                == PDFInspection(pages: 1, encrypted: false, active: [.polyglot], problem: .damaged))
    }
}
