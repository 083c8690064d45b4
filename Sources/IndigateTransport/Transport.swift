import IndigateCore

/// A message taken from an inbound source, with what the source needs to mark it done.
package struct InboundItem: Sendable, Equatable {
    /// Where it came from, for the archive (`maildir:<file name>`, `imap:<uidvalidity>:<uid>`).
    package var source: String
    /// The whole message — or, for a message over the size limit, only its first
    /// `InboundLimits.prefixBytes` (enough for its headers): it is never read whole.
    package var raw: [UInt8]
    /// The source's own handle (a file name, a UID).
    package var handle: String
    /// The message's full size in bytes.
    package var size: Int
    /// The file `raw` was read from, when the archive may keep it as it is (Maildir).
    package var file: DeliveredFile?

    package init(source: String, raw: [UInt8], handle: String, size: Int? = nil, file: DeliveredFile? = nil) {
        self.source = source
        self.raw = raw
        self.handle = handle
        self.size = size ?? raw.count
        self.file = file
    }

    /// Whether `raw` is the whole message.
    package var isComplete: Bool { raw.count == size }
}

/// How much of the inbox one pass reads.
package struct InboundLimits: Sendable, Equatable {
    /// The largest message read whole.
    package var messageBytes: Int
    /// What is read of a larger one: its headers and the start of its body.
    package static let prefixBytes = 320 * 1024

    package init(messageBytes: Int) {
        self.messageBytes = messageBytes
    }
}

/// An entry of the inbox that cannot be taken as a message (a directory, a FIFO, a dangling
/// link, an unreadable file): it is skipped, reported, and nothing else waits for it.
package struct InboundProblem: Error, Sendable, Equatable, Hashable, Codable {
    package var entry: String
    package var reason: String

    package init(entry: String, reason: String) {
        self.entry = entry
        self.reason = reason
    }
}

/// Where replies come from. `markDone` is called only after the transaction that handled the
/// message has committed; a message not marked done is offered again.
package protocol InboundSource: Sendable {
    /// At most `limit` messages and, beyond the first, at most about `maxBytes` bytes in all, so
    /// a pass's memory follows its byte budget, not its count. Messages whose handles are in
    /// `skipping` (taken by an earlier fetch, not yet marked done) are left out.
    func fetch(limit: Int, maxBytes: Int, skipping: Set<String>) throws(TransportError) -> [InboundItem]
    func markDone(_ item: InboundItem) throws(TransportError)
    /// Marks a batch's messages done (a source may do it in one step: one directory sync).
    func markDone(_ items: [InboundItem]) throws(TransportError)
    /// Entries that are skipped, and why.
    func problems() -> [InboundProblem]
}

extension InboundSource {
    package func problems() -> [InboundProblem] { [] }

    package func fetch(limit: Int, maxBytes: Int) throws(TransportError) -> [InboundItem] {
        try fetch(limit: limit, maxBytes: maxBytes, skipping: [])
    }

    package func markDone(_ items: [InboundItem]) throws(TransportError) {
        for item in items { try markDone(item) }
    }
}

/// One letter to send.
package struct OutboundMessage: Sendable, Equatable {
    /// The outbox row id: a delivery retried for the same id must not make a second copy
    /// where the transport can avoid it.
    package var id: Int64
    package var envelopeFrom: String
    package var recipient: String
    package var raw: [UInt8]

    package init(id: Int64, envelopeFrom: String, recipient: String, raw: [UInt8]) {
        self.id = id
        self.envelopeFrom = envelopeFrom
        self.recipient = recipient
        self.raw = raw
    }
}

/// What became of one delivery attempt.
package enum DeliveryResult: Sendable, Equatable {
    case sent
    /// Try again later (a 4xx, a connection failure).
    case deferred(DeliveryProblem)
    /// Never going to work (a 5xx): keep the server's answer.
    case failed(DeliveryProblem)
}

/// Why a letter was not delivered: a kind to act on, and the words to keep for operators.
package struct DeliveryProblem: Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// The server could not be reached, or the connection broke.
        case connection
        /// The server refused the login: the installation's problem, not the letter's.
        case loginRefused
        /// The server answered 4xx.
        case temporary
        /// The server answered 5xx.
        case permanent
        /// The letter itself cannot be sent as it is (an envelope address, a bare LF).
        case invalidLetter
        /// Writing it locally failed (the Maildir transport).
        case local
    }

    package var kind: Kind
    /// The server's answer or the local error, for operators.
    package var text: String

    package init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    /// Whether the rest of the batch can go over the same connection: not after the
    /// connection or the login failed.
    package var connectionLost: Bool { kind == .connection || kind == .loginRefused }

    package var description: String { text }
}

/// Where letters go. One call sends a whole batch over one connection where that applies.
/// `onResult` hears each letter's result as soon as the server answered — with the server's
/// own words (`250 2.0.0 Ok: queued as 4Fx`) for the log — so the caller can record it at once
/// or with the few before it (a crash then repeats at most the letters not yet recorded);
/// returning false stops the batch.
package protocol OutboundTransport: Sendable {
    func send(_ messages: [OutboundMessage], onResult: (Int, DeliveryResult, String) -> Bool)
}

extension OutboundTransport {
    /// Sends all and returns the results in order.
    package func send(_ messages: [OutboundMessage]) -> [DeliveryResult] {
        var results: [DeliveryResult] = []
        send(messages) { _, result, _ in
            results.append(result)
            return true
        }
        return results
    }
}

/// A transport failure, with the path or server it concerns.
package struct TransportError: Error, Sendable, CustomStringConvertible, Equatable {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }

    /// The IMAP server does not offer IDLE (RFC 2177): new mail is found by polling.
    package static let idleUnsupported = TransportError("the IMAP server offers no IDLE")
}
