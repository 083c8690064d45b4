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
            // The workers start while this batch is hashed and archived, not after.
            if !items.isEmpty { parser.warmUp() }
            let bytes = items.map(\.raw.count).reduce(0, +)
            var incoming: [Incoming] = []
            incoming.reserveCapacity(items.count)
            // Marking done needs only the handles: the bytes live in `incoming` alone, and go
            // as soon as they are archived and parsed.
            for index in items.indices {
                incoming.append(
                    Incoming(
                        items[index].raw, source: items[index].source, size: items[index].size, limit: messageBytes,
                        file: items[index].file))
                items[index].raw = []
            }
            // Archiving then writes only rows: a delivered file is kept as it is (`keepAhead`),
            // the others' bytes stored (`storeAhead`).
            let kept = store.keepAhead(incoming.compactMap { message in message.file.map { (message.key, $0) } })
            storeAhead(incoming.filter { !kept.contains($0.key) }.map { ($0.key, $0.raw) })
            return Fetched(items: items, incoming: incoming, more: items.count == batchSize || bytes >= batchBytes)
        }
    }

    /// Stores bytes in the blob file off the thread that holds the write transaction, which
    /// all of ingest waits on: a batch's raw mail on the thread that read it, the documents a
    /// step's replies may give on a thread behind the parse steps (`DocumentsAhead`). Archiving
    /// and storing a document then find them there and write only rows. For the bench corpus
    /// that thread spent 0.65 s of CPU, and the syncs, on raw mail and 0.47 s on documents.
    /// Should this fail, they store the bytes themselves; an attachment that is not taken in
    /// the end (a PDF for an indicator the school does not answer) stays in the file, named by
    /// no row.
    func storeAhead(_ items: [(key: String, bytes: [UInt8])]) {
        guard !items.isEmpty else { return }
        do {
            try store.storeAhead(items)
        } catch {
            logger.notice("bytes not stored ahead", metadata: ["error": "\(error)"])
        }
    }
}
