import Foundation

/// A message as the parser hands it on: headers decoded to UTF-8, the readable text, and the
/// attachments with their bytes. Plain data: nothing here points into a C library.
package struct ParsedMessage: Sendable, Equatable, Codable {
    package var messageID: String?
    package var inReplyTo: String?
    package var references: [String]
    package var subject: String
    /// The From mailboxes, lowercased.
    package var from: [String]
    /// The From is not exactly one plain mailbox in one clean header (see IndigateMIME's
    /// `FromCheck`): a reply from it is refused whatever its token.
    package var fromIsAmbiguous = false
    /// Every recipient mailbox the message names (To, Cc, Delivered-To, X-Original-To),
    /// lowercased: where a reply's token is found.
    package var recipients: [String]
    /// The Reply-To mailboxes, lowercased.
    package var replyTo: [String]
    /// Headers that decide how the message is treated (auto-replies, loops), name lowercased.
    package var headers: [String: String]
    /// Every `Authentication-Results` header, in order (the topmost was added last).
    package var authenticationResults: [String] = []
    /// The text the sender wrote, from text/plain or HTML reduced to text, UTF-8.
    package var text: String
    package var attachments: [Attachment]
    /// The readable text of each attached message (message/rfc822): a reply forwarded by a
    /// colleague counts.
    package var forwardedTexts: [String] = []

    package init(
        messageID: String? = nil, inReplyTo: String? = nil, references: [String] = [],
        subject: String = "", from: [String] = [], recipients: [String] = [], replyTo: [String] = [],
        headers: [String: String] = [:], text: String = "", attachments: [Attachment] = []
    ) {
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.subject = subject
        self.from = from
        self.recipients = recipients
        self.replyTo = replyTo
        self.headers = headers
        self.text = text
        self.attachments = attachments
    }

    /// One attached file.
    package struct Attachment: Sendable, Equatable, Codable {
        /// The file name as the sender's client gave it: a display name, never a path.
        package var fileName: String
        /// The declared media type, lowercased (`application/pdf`); not trusted.
        package var contentType: String
        package var bytes: [UInt8]
        /// What a real PDF reader (qpdf, in the parse worker) found in the bytes, when they look
        /// like a PDF: pages, encryption, active content, damage.
        package var pdf: PDFInspection?
        /// What the form reader (in the parse worker) found in the bytes, when they look like a
        /// spreadsheet (`.xlsx`): indigate's request form filled in, or why it could not be read.
        package var form: ReplyForm?

        package init(
            fileName: String, contentType: String, bytes: [UInt8], pdf: PDFInspection? = nil, form: ReplyForm? = nil
        ) {
            self.fileName = fileName
            self.contentType = contentType
            self.bytes = bytes
            self.pdf = pdf
            self.form = form
        }

        enum CodingKeys: String, CodingKey { case fileName, contentType, bytes, pdf, form }

        // Bytes travel as base64 (Data), not as an array of numbers.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            fileName = try container.decode(String.self, forKey: .fileName)
            contentType = try container.decode(String.self, forKey: .contentType)
            bytes = Array(try container.decode(Data.self, forKey: .bytes))
            pdf = try container.decodeIfPresent(PDFInspection.self, forKey: .pdf)
            form = try container.decodeIfPresent(ReplyForm.self, forKey: .form)
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(fileName, forKey: .fileName)
            try container.encode(contentType, forKey: .contentType)
            try container.encode(Data(bytes), forKey: .bytes)
            try container.encodeIfPresent(pdf, forKey: .pdf)
            try container.encodeIfPresent(form, forKey: .form)
        }

        /// Whether the bytes are a whole PDF: `%PDF-` at the start and `%%EOF` in the last
        /// kilobyte (GMime may silently truncate a broken base64 body, so metadata is not enough).
        package var looksLikePDF: Bool {
            guard bytes.count >= 16, bytes.starts(with: Array("%PDF-".utf8)) else { return false }
            let tail = bytes.suffix(1024)
            let eof = Array("%%EOF".utf8)
            return tail.indices.contains { i in tail[i...].starts(with: eof) }
        }

        /// Whether the bytes may be an Office Open XML workbook: a ZIP archive (`PK\u{3}\u{4}`)
        /// named `.xlsx` or typed as a spreadsheet.
        package var looksLikeSpreadsheet: Bool {
            guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return false }
            let name = fileName.lowercased()
            return name.hasSuffix(".xlsx") || contentType.contains("spreadsheetml") || contentType.contains("ms-excel")
        }
    }
}
