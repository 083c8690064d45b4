/// What ``PDFInspector/inspect(_:)`` found in one PDF.
package struct PDFInspection: Sendable, Equatable, Codable {
    /// The number of pages, or `nil` when qpdf could not count them (unreadable, encrypted with a
    /// password, or a broken page tree).
    package var pages: Int?
    /// Whether the file is encrypted, including files that open with an empty user password.
    package var encrypted: Bool
    /// Active content found, unique and in ``ActiveContent`` declaration order.
    package var active: [ActiveContent]
    /// `nil` when the file is a readable PDF; otherwise why it is not.
    package var problem: PDFProblem?

    /// An inspection; `active` is sorted and made unique.
    package init(pages: Int?, encrypted: Bool, active: [ActiveContent], problem: PDFProblem?) {
        self.pages = pages
        self.encrypted = encrypted
        self.active = Array(Set(active)).sorted()
        self.problem = problem
    }
}
