import Foundation

/// A letter indigate sends, before it becomes RFC 5322 bytes: plain data for the composer.
public struct OutgoingLetter: Sendable, Equatable {
    public var fromName: String
    public var fromAddress: String
    public var toName: String
    public var toAddress: String
    public var replyTo: String
    public var subject: String
    /// Without angle brackets.
    public var messageID: String
    public var inReplyTo: String?
    public var references: [String]
    public var date: Date
    /// The UTC offset the Date header is written in, in seconds.
    public var utcOffsetSeconds: Int
    /// Extra headers (Auto-Submitted, X-Auto-Response-Suppress, …), ASCII values.
    public var headers: [(name: String, value: String)]
    public var text: String
    public var html: String?
    public var attachments: [ParsedMessage.Attachment]

    public init(
        fromName: String, fromAddress: String, toName: String, toAddress: String, replyTo: String,
        subject: String, messageID: String, inReplyTo: String? = nil, references: [String] = [],
        date: Date, utcOffsetSeconds: Int, headers: [(name: String, value: String)] = [],
        text: String, html: String? = nil, attachments: [ParsedMessage.Attachment] = []
    ) {
        self.fromName = fromName
        self.fromAddress = fromAddress
        self.toName = toName
        self.toAddress = toAddress
        self.replyTo = replyTo
        self.subject = subject
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.date = date
        self.utcOffsetSeconds = utcOffsetSeconds
        self.headers = headers
        self.text = text
        self.html = html
        self.attachments = attachments
    }

    public static func == (a: OutgoingLetter, b: OutgoingLetter) -> Bool {
        a.messageID == b.messageID && a.subject == b.subject && a.text == b.text && a.html == b.html
            && a.toAddress == b.toAddress && a.headers.map(\.name) == b.headers.map(\.name)
            && a.headers.map(\.value) == b.headers.map(\.value)
    }
}
