import Foundation

/// The embedded default outbound transport: each letter becomes a file in a Maildir's `new`.
/// The file name is fixed per outbox row, so a retry after a crash rewrites the same file
/// instead of making a second letter.
public struct MaildirOutbox: OutboundTransport {
    public let maildir: Maildir

    public init(path: String) throws(TransportError) {
        maildir = try Maildir(path: path)
    }

    public func send(_ messages: [OutboundMessage]) -> [DeliveryResult] {
        messages.map { message in
            do {
                try maildir.deliver(message.raw, name: Self.fileName(for: message))
                return .sent
            } catch {
                return .deferred(String(describing: error))
            }
        }
    }

    static func fileName(for message: OutboundMessage) -> String {
        let safeRecipient = message.recipient.map { $0.isLetter || $0.isNumber || "@.-_".contains($0) ? $0 : "_" }
        return String(format: "%010lld", message.id) + ".indigate." + String(safeRecipient)
    }
}
