/// What the Classify stage reads from a message alone, before it asks the store: the tokens
/// the message is addressed with and whether it is an auto-reply. Made beside the parse
/// (`PreparedMessage`, by `Classifier.addressing`), so the thread that holds the write
/// transaction does not lowercase and split every recipient twice, nor search the subject:
/// 0.16 s of its 3 s in a poll of the bench corpus, and that thread is the one the others wait
/// for.
struct Addressing: Sendable, Equatable {
    /// The token of a recipient at the VERP address (`bounces+<token>@…`).
    var bounceToken: String?
    /// Why the message must never be answered (`AutoReplyCheck`).
    var autoReply: IgnoreReason?
    /// The reply token: of a recipient at the gateway address, else of an attached form.
    var replyToken: String?
}
