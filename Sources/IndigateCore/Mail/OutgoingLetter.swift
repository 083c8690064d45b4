import Foundation

/// A letter indigate sends, before it becomes RFC 5322 bytes: plain data for the composer.
package struct OutgoingLetter: Sendable, Equatable {
    package var fromName: String
    package var fromAddress: String
    package var toName: String
    package var toAddress: String
    package var replyTo: String
    package var subject: String
    /// Without angle brackets.
    package var messageID: String
    package var inReplyTo: String?
    package var references: [String]
    package var date: Date
    /// The UTC offset the Date header is written in, in seconds.
    package var utcOffsetSeconds: Int
    /// Extra headers (Auto-Submitted, X-Auto-Response-Suppress, …), ASCII values.
    package var headers: [(name: String, value: String)]
    package var text: String
    package var html: String?
    package var attachments: [ParsedMessage.Attachment]

    package init(
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

    package static func == (a: OutgoingLetter, b: OutgoingLetter) -> Bool {
        a.messageID == b.messageID && a.subject == b.subject && a.text == b.text && a.html == b.html
            && a.toAddress == b.toAddress && a.headers.map(\.name) == b.headers.map(\.name)
            && a.headers.map(\.value) == b.headers.map(\.value)
    }
}
