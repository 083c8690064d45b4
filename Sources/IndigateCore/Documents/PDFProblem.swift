/// Why ``PDFInspector`` could not fully read a PDF. `nil` in ``PDFInspection/problem`` means
/// qpdf read the whole file cleanly.
package enum PDFProblem: String, Codable, Sendable {
    /// qpdf cannot read it at all (not a PDF, or nothing of one is left). Also given, without
    /// calling qpdf, for empty input or input over ``PDFInspector/maxBytes``.
    case notPDF
    /// qpdf reads it only by recovering (a rebuilt cross-reference table), or reports errors or
    /// warnings while reading it, counting its pages, resolving its objects or decoding its
    /// streams (bad Flate data, say); also a file whose objects are too many to walk within the
    /// inspector's bounds, whose active content is therefore not vouched for.
    case damaged
    /// It needs a password to open: nothing inside it could be inspected.
    case encrypted
}
