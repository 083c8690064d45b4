/// Why a message could not be read or written.
public enum MIMEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// GMime found no RFC 5322 message in the bytes.
    case notAMessage
    /// An outgoing header or address was refused before it reached GMime.
    case unsafeHeader(name: String)

    public var description: String {
        switch self {
        case .notAMessage: "the bytes are not an RFC 5322 message"
        case .unsafeHeader(let name): "refused to write the \(name) header: it holds a line break or an invalid address"
        }
    }
}
