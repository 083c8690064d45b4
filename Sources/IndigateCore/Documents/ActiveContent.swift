/// Something in a PDF that can act on the reader's machine rather than only be displayed, as
/// ``PDFInspector`` finds it. Raw values are stable: they are stored and shown to operators.
package enum ActiveContent: String, Codable, Sendable, CaseIterable, Comparable {
    /// JavaScript: a `/JS` entry, a `/S /JavaScript` action, or a document-level `/JavaScript`
    /// name tree.
    case javaScript
    /// A `/S /Launch` action: starts a program or opens a file outside the viewer.
    case launch
    /// An embedded file: `/EmbeddedFiles`, `/EF`, a `/Type /EmbeddedFile` stream, a
    /// `/FileAttachment` annotation.
    case embeddedFile
    /// An `/OpenAction` or `/AA` (additional actions) that runs an action other than a plain page
    /// destination (an explicit or named destination, or a `/GoTo` action without `/Next`).
    case openAction
    /// A `/S /SubmitForm` action: sends form data to a URL.
    case submitForm
    /// RichMedia (Flash, 3D, video): a `/RichMedia` annotation or its content and settings, or a
    /// `/RichMediaExecute` action.
    case richMedia
    /// The bytes are also another format: a ZIP local header or end-of-central-directory record
    /// anywhere, anything but whitespace after the last `%%EOF`, or bytes before `%PDF-`.
    case polyglot

    /// Declaration order, which is the order ``PDFInspection/active`` lists them in.
    package static func < (lhs: ActiveContent, rhs: ActiveContent) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
