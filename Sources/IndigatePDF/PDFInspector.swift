import IndigateCore

/// Inspects PDF bytes with qpdf (Debian 12's libqpdf 11.3, through its C API): whether qpdf can
/// read them, cleanly or only by recovering, how many pages, whether they are encrypted, and
/// what active content (JavaScript, Launch, embedded files…) any object holds.
///
/// Damage is what qpdf reports: a read that needed recovery, warnings or errors while counting
/// pages or walking objects, or while decoding the streams that can be decoded within bounds
/// (see ``QPDFDocument/checkStreams(_:budget:)``, which replaces `qpdf_check_pdf`, and
/// ``StreamCost``).
///
/// Bounded on hostile input where this module decides: the object walk (see ``ObjectWalker``)
/// and the stream decoding (see ``StreamCost`` and ``decodeBudget``) stop at fixed limits, every
/// qpdf handle is freed, and nothing is printed. An unfinished walk fails closed
/// (``PDFProblem/damaged``: active content could hide in the rest); unfinished decoding does not.
/// Measured: a 20 MB PDF of 80 Flate images checked in 0.03 s; a 250 KB stream that decodes to
/// 250 MiB, about the most a stream may decode to, in 1.0 s and 550 MB (see
/// ``QPDFDocument/checkStreams(_:budget:)``).
///
/// Not bounded where qpdf decides alone: while reading, qpdf decodes cross-reference and object
/// streams whole into memory, so 2 MB of hostile cross-reference stream took 4 GB and 20 s.
/// Under an address-space limit (`ulimit -v`, `RLIMIT_AS`) qpdf's allocation failure comes back
/// as an error, and the file as ``PDFProblem/notPDF``: run this in an isolated worker with a
/// memory and time limit, as mail is parsed.
package enum PDFInspector {
    /// The largest input handed to qpdf (25 MiB); anything larger is reported ``PDFProblem/notPDF``.
    package static let maxBytes = 25 * 1024 * 1024

    /// How many bytes decoding the streams may produce in all before the check stops: 48 MiB (the
    /// 64 MiB of base64 it was while qpdf's JSON writer decoded), well under a second of qpdf's
    /// inflating. Ordinary PDFs decode to about 3 times their size. Reaching it is not damage:
    /// legitimate files can decode to a thousand times their size (a blank page scanned to a
    /// Flate bitmap), so the rest of their streams just go unchecked.
    static let decodeBudget = 48 << 20

    /// Inspects one file's bytes. Never throws or traps; each call uses its own qpdf handle, so
    /// calls may run concurrently.
    package static func inspect(_ bytes: [UInt8]) -> PDFInspection {
        guard !bytes.isEmpty, bytes.count <= maxBytes else {
            return PDFInspection(pages: nil, encrypted: false, active: [], problem: .notPDF)
        }
        return bytes.withUnsafeBytes { raw in
            // qpdf reads `raw` in place: the document must not outlive this closure.
            let document = QPDFDocument()
            switch document.read(raw) {
            case .unreadable:
                return PDFInspection(pages: nil, encrypted: false, active: [], problem: .notPDF)
            case .needsPassword:
                return PDFInspection(pages: nil, encrypted: true, active: polyglot(raw), problem: .encrypted)
            case .opened(let recovered):
                let encrypted = document.isEncrypted
                let pages = document.pageCount()
                var walker = ObjectWalker(reader: document.objects)
                walker.walk()
                document.collectDiagnostics()
                let readCleanly = !recovered && pages != nil && walker.complete && document.warnings == 0 && document.errors == 0
                // Decoding every stream is the costly part: not worth it for a file already damaged.
                let damaged =
                    !readCleanly || !document.resolvesEveryObject()
                    || document.checkStreams(walker.decodableStreams, budget: decodeBudget) == .faulty
                return PDFInspection(
                    pages: pages, encrypted: encrypted, active: Array(walker.found) + polyglot(raw),
                    problem: damaged ? .damaged : nil)
            }
        }
    }

    /// `[.polyglot]` when the bytes are also another format (looked for only in what qpdf reads).
    private static func polyglot(_ raw: UnsafeRawBufferPointer) -> [ActiveContent] {
        PolyglotScanner.isPolyglot(raw) ? [.polyglot] : []
    }
}
