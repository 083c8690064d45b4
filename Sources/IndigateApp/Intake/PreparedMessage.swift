import Crypto
import IndigateCore

/// What handling a parsed message needs that depends on the message alone: the preview
/// operators are shown, what classifying it reads before the store (`Addressing`), its reading
/// as a school's reply, and each attachment's SHA-256 (the key its bytes are stored under if it
/// is taken as a document). Made beside the parse, on the step's own thread (`Intake.parse`),
/// so the thread that holds the write transaction does only what needs the store: this was a
/// sixth of that thread's time.
struct PreparedMessage: Sendable {
    var preview: [String]
    var addressing: Addressing
    var reading: ReplyReading
    var digests: [String]
    /// The attachments that may be taken as documents (`RespondentInterpreter.mayBeDocument`),
    /// by index.
    var candidates: [Int]

    /// - Parameters:
    ///   - addressing: `Classifier.addressing(of:)` of the message.
    ///   - documentBytes: the largest document taken (`limits.document_bytes`).
    init(_ message: ParsedMessage, addressing: Addressing, grammar: ReplyGrammar, documentBytes: Int) {
        self.addressing = addressing
        reading = ReplyReading(message, grammar: grammar)
        preview = MessagePreview.lines(ofNewText: reading.ownText)
        digests = message.attachments.map { SHA256.hash(data: $0.bytes).hex }
        candidates = message.attachments.indices.filter {
            RespondentInterpreter.mayBeDocument(message.attachments[$0], documentBytes: documentBytes)
        }
    }
}
