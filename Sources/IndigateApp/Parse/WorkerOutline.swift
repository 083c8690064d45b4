import IndigateCore
import SwiftProtobuf

/// The outline of a parse worker's answer as protocol buffers (`proto/worker_outline.proto`):
/// the parsed message without its texts and attachments' bytes, and their lengths. Its fields
/// map one to one onto ``ParsedMessage``'s; the outline is read from a worker that may have
/// been subverted by the mail it parsed, so reading it checks what protobuf cannot — lengths
/// that fit an Int, and raw values of our enums — and answers nil instead of trapping.
enum WorkerOutline {
    /// The outline of `message`, whose texts and attachments' bytes have `textLengths` and
    /// `lengths` bytes.
    static func encode(_ message: ParsedMessage, textLengths: [Int], lengths: [Int]) throws -> [UInt8] {
        var outline = Indigate_Worker_Outline()
        outline.message = wire(message)
        outline.textLengths = textLengths.map { UInt64($0) }
        outline.lengths = lengths.map { UInt64($0) }
        return try outline.serializedBytes()
    }

    /// The message an outline describes, with its texts empty and its attachments' bytes
    /// empty, and the lengths to read them with; nil when the bytes are not an outline this
    /// code writes.
    static func decode(_ bytes: [UInt8]) -> (message: ParsedMessage, textLengths: [Int], lengths: [Int])? {
        var options = BinaryDecodingOptions()
        options.discardUnknownFields = true
        guard let outline = try? Indigate_Worker_Outline(serializedBytes: bytes, options: options),
            let message = parsed(outline.message)
        else { return nil }
        let textLengths = outline.textLengths.compactMap { Int(exactly: $0) }
        let lengths = outline.lengths.compactMap { Int(exactly: $0) }
        guard textLengths.count == outline.textLengths.count, lengths.count == outline.lengths.count else { return nil }
        return (message, textLengths, lengths)
    }

    private static func wire(_ message: ParsedMessage) -> Indigate_Worker_ParsedMessage {
        var wire = Indigate_Worker_ParsedMessage()
        if let id = message.messageID { wire.messageID = id }
        if let inReplyTo = message.inReplyTo { wire.inReplyTo = inReplyTo }
        wire.references = message.references
        wire.subject = message.subject
        wire.from = message.from
        wire.fromIsAmbiguous = message.fromIsAmbiguous
        wire.recipients = message.recipients
        wire.replyTo = message.replyTo
        wire.headers = message.headers
        wire.authenticationResults = message.authenticationResults
        wire.attachments = message.attachments.map { attachment in
            var wire = Indigate_Worker_Attachment()
            wire.fileName = attachment.fileName
            wire.contentType = attachment.contentType
            if let pdf = attachment.pdf { wire.pdf = Self.wire(pdf) }
            if let form = attachment.form { wire.form = Self.wire(form) }
            return wire
        }
        return wire
    }

    private static func wire(_ pdf: PDFInspection) -> Indigate_Worker_PDFInspection {
        var wire = Indigate_Worker_PDFInspection()
        if let pages = pdf.pages { wire.pages = Int64(pages) }
        wire.encrypted = pdf.encrypted
        wire.active = pdf.active.map(\.rawValue)
        if let problem = pdf.problem { wire.problem = problem.rawValue }
        return wire
    }

    private static func wire(_ form: ReplyForm) -> Indigate_Worker_ReplyForm {
        var wire = Indigate_Worker_ReplyForm()
        wire.tokens = form.tokens
        wire.inns = form.inns
        wire.rounds = form.rounds
        wire.rows = form.rows.map { row in
            var wire = Indigate_Worker_ReplyForm.Row()
            wire.row = Int64(row.row)
            wire.code = row.code
            wire.value = row.value
            wire.whole = row.whole
            return wire
        }
        if let unreadable = form.unreadable { wire.unreadable = unreadable }
        return wire
    }

    private static func parsed(_ wire: Indigate_Worker_ParsedMessage) -> ParsedMessage? {
        var attachments: [ParsedMessage.Attachment] = []
        for attachment in wire.attachments {
            var pdf: PDFInspection?
            if attachment.hasPdf {
                guard let inspection = parsed(attachment.pdf) else { return nil }
                pdf = inspection
            }
            var form: ReplyForm?
            if attachment.hasForm {
                guard let read = parsed(attachment.form) else { return nil }
                form = read
            }
            attachments.append(
                ParsedMessage.Attachment(
                    fileName: attachment.fileName, contentType: attachment.contentType, bytes: [], pdf: pdf, form: form))
        }
        var message = ParsedMessage(
            messageID: wire.hasMessageID ? wire.messageID : nil, inReplyTo: wire.hasInReplyTo ? wire.inReplyTo : nil,
            references: wire.references, subject: wire.subject, from: wire.from, recipients: wire.recipients,
            replyTo: wire.replyTo, headers: wire.headers, attachments: attachments)
        message.fromIsAmbiguous = wire.fromIsAmbiguous
        message.authenticationResults = wire.authenticationResults
        return message
    }

    private static func parsed(_ wire: Indigate_Worker_PDFInspection) -> PDFInspection? {
        let active = wire.active.compactMap(ActiveContent.init(rawValue:))
        guard active.count == wire.active.count else { return nil }
        var pages: Int?
        if wire.hasPages {
            guard let count = Int(exactly: wire.pages) else { return nil }
            pages = count
        }
        var problem: PDFProblem?
        if wire.hasProblem {
            guard let known = PDFProblem(rawValue: wire.problem) else { return nil }
            problem = known
        }
        return PDFInspection(pages: pages, encrypted: wire.encrypted, active: active, problem: problem)
    }

    private static func parsed(_ wire: Indigate_Worker_ReplyForm) -> ReplyForm? {
        var rows: [ReplyForm.Row] = []
        for row in wire.rows {
            guard let number = Int(exactly: row.row) else { return nil }
            rows.append(ReplyForm.Row(row: number, code: row.code, value: row.value, whole: row.whole))
        }
        return ReplyForm(
            tokens: wire.tokens, inns: wire.inns, rounds: wire.rounds, rows: rows,
            unreadable: wire.hasUnreadable ? wire.unreadable : nil)
    }
}
