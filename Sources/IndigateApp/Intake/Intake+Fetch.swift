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

    /// Reads the next batch, leaving out the messages in `skipping`, hashes it and stores its
    /// bytes: on a thread of its own, while the batch before is handled.
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
            // The bytes go to the blob file here, off the thread that archives and handles:
            // archiving then writes only rows (a poll of the bench corpus spent 0.5 s of that
            // thread's CPU, and the syncs, storing them). Should this fail, `archive` stores
            // them itself.
            do {
                try store.storeAhead(incoming.map { ($0.key, $0.raw) })
            } catch {
                logger.notice("mail not stored ahead of archiving", metadata: ["error": "\(error)"])
            }
            return Fetched(items: items, incoming: incoming, more: items.count == batchSize || bytes >= batchBytes)
        }
    }
}
