import IndigateCore

/// What operators are shown of a message they may release or drop, without opening the
/// database: the first lines its sender wrote (quoted text cut off) and its attachments' names,
/// each cleaned to one short line (`QuotedText.clean`), so nothing a sender wrote can speak
/// through a review letter or a terminal.
enum MessagePreview {
    static let lines = 3
    static let lineCharacters = 120
    static let attachments = 5
    static let nameCharacters = 80

    /// Looks at no more of the new text than a few screens (bytes, not characters: counting
    /// characters cost more than the rest of the preview): a huge body costs nothing here.
    static let textBytes = 8_192

    /// The first lines of `newText`, the text the sender wrote (`ReplyText.newText` of the
    /// body, which the message's reading has made already).
    static func lines(ofNewText newText: String) -> [String] {
        String(newText.prefix(utf8: textBytes)).lines.lazy
            .map { QuotedText.clean(String($0.prefix(lineCharacters * 4)), limit: lineCharacters) }
            .filter { !$0.isEmpty }
            .prefix(lines).map { $0 }
    }

    static func attachmentNames(of message: ParsedMessage) -> [String] {
        message.attachments.prefix(attachments).map { QuotedText.clean($0.fileName, limit: nameCharacters) }
    }
}
