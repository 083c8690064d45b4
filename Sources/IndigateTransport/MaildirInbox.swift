import Foundation

/// The embedded default inbound source: a Maildir whose `new` holds replies to handle. Only
/// regular files are read — opened without following links and without blocking, so a
/// directory, a FIFO, a dangling link or an unreadable file is skipped (and reported by
/// `problems()`) instead of stopping the inbox.
package struct MaildirInbox: InboundSource {
    package let maildir: Maildir
    package let limits: InboundLimits

    package init(path: String, limits: InboundLimits = InboundLimits(messageBytes: 50 << 20)) throws(TransportError) {
        maildir = try Maildir(path: path)
        self.limits = limits
    }

    package func fetch(limit: Int, maxBytes: Int, skipping: Set<String>) throws(TransportError) -> [InboundItem] {
        var items: [InboundItem] = []
        var bytes = 0
        for name in try maildir.newMessages() where !skipping.contains(name) {
            guard items.count < limit, items.isEmpty || bytes < maxBytes else { break }
            guard case .success(let (raw, size, file)) = maildir.readRegular(newMessage: name, upTo: readable(of:)) else {
                continue
            }
            items.append(InboundItem(source: "maildir:\(name)", raw: raw, handle: name, size: size, file: file))
            bytes += raw.count
        }
        return items
    }

    /// How much of a message of `size` bytes to read: all of it, or its first part when it is
    /// over the limit.
    func readable(of size: Int) -> Int {
        size > limits.messageBytes ? min(size, InboundLimits.prefixBytes) : size
    }

    package func markDone(_ item: InboundItem) throws(TransportError) {
        try markDone([item])
    }

    /// One sync of `cur` for the batch: a sync per message was 2 % of a round's ingest. A move
    /// lost to a crash only offers the message again, and the archive knows its bytes.
    package func markDone(_ items: [InboundItem]) throws(TransportError) {
        try maildir.moveToCur(items.map(\.handle))
    }

    package func problems() -> [InboundProblem] {
        ((try? maildir.newMessages()) ?? []).compactMap { name in
            if case .failure(let problem) = maildir.readRegular(newMessage: name, upTo: { _ in 0 }) { return problem }
            return nil
        }
    }
}
