import IndigateTransport

extension Intake {
    /// A batch as read from a source: its items (their handles, to mark them done) and its
    /// messages ready to archive.
    struct Fetched {
        var items: [InboundItem]
        var incoming: [Incoming]
        /// The source may have more: this batch was cut by its count or its bytes.
        var more: Bool
    }

    /// Reads the next batch, leaving out the messages in `skipping`, and hashes it: on a
    /// thread of its own, while the batch before is handled.
    func fetch(from source: any InboundSource, skipping: Set<String>) -> Background<Fetched> {
        Background { [self] in
            var items = try source.fetch(limit: batchSize, maxBytes: batchBytes, skipping: skipping)
            let bytes = items.map(\.raw.count).reduce(0, +)
            var incoming: [Incoming] = []
            incoming.reserveCapacity(items.count)
            // Marking done needs only the handles: the bytes live in `incoming` alone, and go
            // as soon as they are archived and parsed.
            for index in items.indices {
                incoming.append(
                    Incoming(items[index].raw, source: items[index].source, size: items[index].size, limit: messageBytes))
                items[index].raw = []
            }
            return Fetched(items: items, incoming: incoming, more: items.count == batchSize || bytes >= batchBytes)
        }
    }
}
