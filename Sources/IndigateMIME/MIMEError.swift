/// Why a message could not be read or written.
package enum MIMEError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    /// GMime found no RFC 5322 message in the bytes.
    case notAMessage
    /// An outgoing header or address was refused before it reached GMime.
    case unsafeHeader(name: String)
    /// Larger than the configured limit.
    case tooLarge(bytes: Int)
    /// A header that would hurt the parser (over-long, an address header full of groups, or one
    /// that leaves a comment open).
    case hostileHeader(name: String)
    /// More parts or nested multiparts than any real reply has.
    case tooManyParts

    package var description: String {
        switch self {
        case .notAMessage: "the bytes are not an RFC 5322 message"
        case .unsafeHeader(let name): "refused to write the \(name) header: it holds a line break or an invalid address"
        case .tooLarge(let bytes): "the message is too large (\(bytes) bytes)"
        case .hostileHeader(let name):
            "the \(name) header is too long, holds too many groups or leaves a comment open: not parsed, to keep the parser safe"
        case .tooManyParts: "the message has more parts than the limit"
        }
    }
}
