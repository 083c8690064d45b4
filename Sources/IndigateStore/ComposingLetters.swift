import Dispatch

/// The letters a write transaction queued whose bytes are still being composed, on one thread
/// beside the one that writes: a round's receipts spent a fifth of ingest's writing thread in
/// Mustache and GMime, while the other core waited. Before the transaction commits, ``finish``
/// waits for them in order and stores their bytes, so a letter still exists exactly when the
/// change that caused it committed; a savepoint undone drops the letters queued inside it, and
/// a composition that throws undoes the whole transaction.
///
/// Bounded: once more than ``maxPending`` wait, ``settle`` stores those it may store at once —
/// the ones queued inside the innermost open savepoint (or all, outside any), whose rows and
/// bytes are then undone together if that savepoint is.
final class ComposingLetters: @unchecked Sendable {
    /// The most letters waiting for their bytes before they are stored as they come.
    static let maxPending = 64

    /// One letter's composition; the composing thread writes `result`, then signals `done`.
    private final class Job: @unchecked Sendable {
        let sequence: Int
        let outboxID: Int64
        let done = DispatchSemaphore(value: 0)
        var result: Result<ComposedLetter, any Error> = .success(ComposedLetter(subject: "", bytes: []))

        init(sequence: Int, outboxID: Int64) {
            self.sequence = sequence
            self.outboxID = outboxID
        }
    }

    private let thread: DispatchQueue
    private var jobs: [Job] = []
    private var nextSequence = 0
    /// Where each open savepoint began, innermost last.
    private var savepoints: [Int] = []

    init(thread: DispatchQueue) { self.thread = thread }

    func submit(outboxID: Int64, _ make: @escaping @Sendable () throws -> ComposedLetter) {
        let job = Job(sequence: nextSequence, outboxID: outboxID)
        nextSequence += 1
        jobs.append(job)
        thread.async {
            job.result = Result { try make() }
            job.done.signal()
        }
    }

    func enterSavepoint() { savepoints.append(nextSequence) }

    /// Ends the innermost savepoint; when it was undone, forgets the letters queued inside it
    /// (they still run, unread).
    func leaveSavepoint(undone: Bool) {
        let start = savepoints.removeLast()
        if undone { jobs.removeAll { $0.sequence >= start } }
    }

    /// Forgets every letter: the transaction was undone.
    func dropAll() { jobs = [] }

    /// When more than ``maxPending`` letters wait, stores those of the innermost open savepoint
    /// (all of them outside any), waiting for each in order.
    func settle(_ store: (_ outboxID: Int64, _ letter: ComposedLetter) throws -> Void) throws {
        guard jobs.count > Self.maxPending else { return }
        let start = savepoints.last ?? 0
        let (older, settled) = (jobs.filter { $0.sequence < start }, jobs.filter { $0.sequence >= start })
        jobs = older
        try storeInOrder(settled, with: store)
    }

    /// Waits for every letter, in order, and hands each one to `store`.
    func finish(_ store: (_ outboxID: Int64, _ letter: ComposedLetter) throws -> Void) throws {
        let all = jobs
        jobs = []
        try storeInOrder(all, with: store)
    }

    private func storeInOrder(_ jobs: [Job], with store: (_ outboxID: Int64, _ letter: ComposedLetter) throws -> Void) throws {
        for job in jobs {
            job.done.wait()
            try store(job.outboxID, try job.result.get())
        }
    }
}
