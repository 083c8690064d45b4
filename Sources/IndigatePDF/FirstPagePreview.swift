import CPopplerShim
import Foundation

/// The first page of a PDF drawn small (poppler and cairo, Debian 12's 22.12 and 1.16), as a PNG
/// an operator sees in the review letter beside the file: a wrong or unsigned document shows at
/// a glance. Run only on files `PDFInspector` found readable, without encryption or active
/// content, in the parse worker under its memory and time limits, like every other reading of
/// a sender's bytes.
package enum FirstPagePreview {
    /// Width of the image in pixels: a page at about a third of a screen's height.
    package static let width = 240
    /// The largest PNG kept; a page that does not compress below this is not shown.
    package static let maxPNGBytes = 256 * 1024
    /// PDFs larger than this are not drawn (a scan of that size draws slowly, and says little more).
    package static let maxPDFBytes = 10 * 1024 * 1024

    /// The PNG, or nil when poppler cannot draw the page.
    package static func png(_ pdf: [UInt8], width: Int = width) -> [UInt8]? {
        guard !pdf.isEmpty, pdf.count <= maxPDFBytes else { return nil }
        return pdf.withUnsafeBytes { raw -> [UInt8]? in
            var output: UnsafeMutablePointer<UInt8>?
            var length = 0
            guard
                indigate_pdf_first_page_png(raw.baseAddress, raw.count, Int32(width), maxPNGBytes, &output, &length) == 0,
                let output
            else { return nil }
            defer { free(output) }
            return Array(UnsafeBufferPointer(start: output, count: length))
        }
    }
}
