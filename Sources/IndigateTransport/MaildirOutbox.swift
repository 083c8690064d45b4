import Foundation

/// The embedded default outbound transport: each letter becomes a file in a Maildir's `new`.
/// The file name is fixed per outbox row, so a retry after a crash rewrites the same file
/// instead of making a second letter.
package struct MaildirOutbox: OutboundTransport {
    package let maildir: Maildir

    package init(path: String) throws(TransportError) {
        maildir = try Maildir(path: path)
    }

    package func send(_ messages: [OutboundMessage], onResult: (Int, DeliveryResult, String) -> Bool) {
        for (index, message) in messages.enumerated() {
            let name = Self.fileName(for: message)
            do {
                try maildir.deliver(message.raw, name: name)
                guard onResult(index, .sent, "written to new/\(name)") else { return }
            } catch {
                let problem = DeliveryProblem(.local, String(describing: error))
                guard onResult(index, .deferred(problem), problem.text) else { return }
            }
        }
    }

    static func fileName(for message: OutboundMessage) -> String {
        let safeRecipient = message.recipient.map { $0.isLetter || $0.isNumber || "@.-_".contains($0) ? $0 : "_" }
        return String(format: "%010lld", message.id) + ".indigate." + String(safeRecipient)
    }
}
