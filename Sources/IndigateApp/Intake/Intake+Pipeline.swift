import Foundation
import IndigateCore

extension Intake {
    /// Messages parsed and handled per step of a batch: the workers parse the next steps while
    /// this thread handles (and commits) one, so neither waits for the other.
    static let pipelineStep = 32

    /// Parses and handles archived messages (see `pipeline`).
    func parseAndHandle(_ messages: consuming [ToParse], now: Date) throws -> [MessageOutcome] {
        var batch: [ToParse]? = messages
        var outcomes: [MessageOutcome] = []
        try pipeline(
            next: {
                defer { batch = nil }
                return batch
            }, finished: { outcomes = $0 }, now: now)
        return outcomes
    }

    /// Steps given to the workers ahead of the one handled here. With one, the workers idled
    /// whenever this thread waited on a commit's fsync or on the composing thread; with two,
    /// five alternating polls of the bench corpus took 7.16-7.76 s (median 7.45) against
    /// 7.35-8.19 s (7.79); three were no faster.
    static let stepsInFlight = 2

    /// Steps left to parse when the next batch is foretold (`soon`): enough time for it to be
    /// read while they are handled, little enough that two batches' bytes rarely overlap.
    static let stepsAhead = 2

    /// Parses and handles batches of archived messages, overlapping the two: steps k+1 and k+2
    /// are parsed by the worker pool (and prepared, `PreparedMessage`, on the parse thread)
    /// while step k is handled here, one transaction per step. `next` gives the next batch
    /// (nil: there is none), asked for once the last step of the one before is with the
    /// workers, so it is archived while they parse; `soon` is called a few steps before that
    /// (so the batch can be read meanwhile); `finished` takes each batch's outcomes, in order,
    /// once all of it is handled. A parser in this process (tests, one message from the MTA)
    /// goes batch by batch.
    func pipeline(
        next: () throws -> [ToParse]?, soon: () -> Void = {}, finished: ([MessageOutcome]) throws -> Void, now: Date
    ) throws {
        // The catalogue once for the pass, not once a step or a batch: with every school listed
        // as a participant it is 25,000 rows (8 % of this thread's time when read per step, 3 %
        // per batch of 200). A catalogue loaded meanwhile counts from the next pass. Read when
        // the first message is there to parse (a poll of an empty mailbox reads nothing).
        var context: BatchContext?
        func catalogue() throws -> BatchContext {
            if let context { return context }
            let read = try store.read { try BatchContext(tx: $0) }
            context = read
            return read
        }
        guard parser.isIsolated else {
            while let batch = try next() {
                let context = try catalogue()
                try finished(try handle(try parse(batch, grammar: context.grammar), context: context, now: now))
            }
            return
        }
        // Whatever ends the pass, the documents given to be stored ahead are stored first.
        defer { documentsAhead.drain() }
        var steps = PipelineSteps(size: Self.pipelineStep)
        // Asks for batches until one has a step to parse, or there are none.
        func supply() throws {
            while steps.waiting.isEmpty, !steps.exhausted {
                if let batch = try next() { steps.add(batch) } else { steps.exhausted = true }
                for outcomes in steps.finishedBatches() { try finished(outcomes) }
            }
        }
        try supply()
        guard !steps.waiting.isEmpty else { return }
        let pass = try catalogue()
        // Parsed one after another on their own queue (the pool's workers are shared), up to
        // `stepsInFlight` ahead of this thread.
        let parses = DispatchQueue(label: "indigate.intake.parse")
        var inFlight: [(batch: Int, step: Background<[Item]>)] = []
        func refill() throws {
            while inFlight.count < Self.stepsInFlight {
                try supply()
                guard let next = steps.takeNext() else { return }
                inFlight.append((next.batch, parsing(next.messages, grammar: pass.grammar, on: parses)))
            }
        }
        try refill()
        while !inFlight.isEmpty {
            let (batch, step) = inFlight.removeFirst()
            try refill()
            let items = try step.wait()
            if steps.waiting.count <= Self.stepsAhead { soon() }
            steps.handled(try handle(items, context: pass, now: now), in: batch)
            for outcomes in steps.finishedBatches() { try finished(outcomes) }
        }
    }

    /// Work running on a thread of its own until `wait()` takes its result out (a step's parse,
    /// the next batch's fetch), once.
    final class Background<Value>: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result: Result<Value, any Error>?

        init(on queue: DispatchQueue = .global(), _ work: @escaping @Sendable () throws -> Value) {
            queue.async { [self] in
                result = Result { try work() }
                done.signal()
            }
        }

        func wait() throws -> Value {
            done.wait()
            defer { result = nil }
            return try result!.get()
        }
    }

    /// A step's parse (and preparation), on `queue`, after the steps queued there before.
    func parsing(_ messages: consuming [ToParse], grammar: ReplyGrammar, on queue: DispatchQueue) -> Background<[Item]> {
        let work = UnsafeTransfer(messages)
        return Background(on: queue) { try parse(work.take(), grammar: grammar) }
    }

    /// Hands a value to another thread that alone uses it from then on, and takes it out there
    /// (so the bytes it holds can go while the thread goes on).
    final class UnsafeTransfer<Value>: @unchecked Sendable {
        private var value: Value?
        init(_ value: consuming Value) { self.value = value }
        func take() -> Value {
            defer { value = nil }
            return value!
        }
    }
}
