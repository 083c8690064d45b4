import Dispatch

/// The letters a write transaction queued whose bytes are still being composed, on one thread
/// beside the one that writes: a round's receipts spent a fifth of ingest's writing thread in
/// Mustache and GMime, while the other core waited. Before the transaction commits, ``finish``
/// waits for them in order and stores their bytes, so a letter still exists exactly when the
/// change that caused it committed; a savepoint undone drops the letters queued inside it, and
/// a composition that throws undoes the whole transaction.
final class ComposingLetters: @unchecked Sendable {
    private struct Job {
        let outboxID: Int64
        let done = DispatchSemaphore(value: 0)
        var result: Result<[UInt8], any Error> = .success([])
    }

    /// Boxes of jobs, so the composing thread writes a result the waiting thread then reads
    /// (ordered by the semaphore).
    private final class Box: @unchecked Sendable {
        var job: Job
        init(_ job: Job) { self.job = job }
    }

    private let thread: DispatchQueue
    private var jobs: [Box] = []

    init(thread: DispatchQueue) { self.thread = thread }

    /// How many jobs were queued so far: a savepoint's mark.
    var count: Int { jobs.count }

    func submit(outboxID: Int64, _ make: @escaping @Sendable () throws -> [UInt8]) {
        let box = Box(Job(outboxID: outboxID))
        jobs.append(box)
        thread.async {
            box.job.result = Result { try make() }
            box.job.done.signal()
        }
    }

    /// Forgets the jobs queued since `mark` (their rows were undone); they still run, unread.
    func drop(from mark: Int) {
        if mark < jobs.count { jobs.removeSubrange(mark...) }
    }

    /// Waits for every job, in order, and hands each letter's bytes to `store`.
    func finish(_ store: (_ outboxID: Int64, _ raw: [UInt8]) throws -> Void) throws {
        defer { jobs = [] }
        for box in jobs {
            box.job.done.wait()
            try store(box.job.outboxID, try box.job.result.get())
        }
    }
}
