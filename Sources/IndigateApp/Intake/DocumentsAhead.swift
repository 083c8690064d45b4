import Dispatch

/// Stores the documents a parse step's replies may give on a thread of its own, so the step's
/// parse thread goes on to the next step at once. Storing them on the parse thread, it waited
/// for the blob file while the batch's raw mail was being stored and synced (`storeAhead`), and
/// the workers and then the handling thread waited for it: in a poll of the bench corpus the
/// two cores were idle 2.5 s of 6.8, 1.9 s with this. Whatever is not stored ahead by the time
/// its reply is committed, that commit stores itself (`BlobStore.commit`), so nothing depends
/// on this but speed.
final class DocumentsAhead: @unchecked Sendable {
    private let queue = DispatchQueue(label: "indigate.intake.documents")
    /// Steps' documents given and not yet stored: a parse thread waits when `limit` are, so the
    /// bytes held here stay bounded whatever the blob file's speed.
    private let room = DispatchSemaphore(value: DocumentsAhead.limit)
    static let limit = 4

    /// Hands `items` to `write`, which runs after the items given before.
    func store(
        _ items: consuming [(key: String, bytes: [UInt8])],
        with write: @escaping @Sendable ([(key: String, bytes: [UInt8])]) -> Void
    ) {
        room.wait()
        let work = Intake.UnsafeTransfer(items)
        queue.async { [room] in
            write(work.take())
            room.signal()
        }
    }

    /// Returns once everything given before is stored (or failed, and logged).
    func drain() {
        queue.sync {}
    }
}
