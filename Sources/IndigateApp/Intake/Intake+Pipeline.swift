import Foundation
import IndigateCore

extension Intake {
    /// Messages parsed and handled per step of a batch: the workers parse one step while this
    /// thread handles (and commits) the one before, so neither waits for the other.
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

    /// Steps left to parse when the next batch is foretold (`soon`): enough time for it to be
    /// read while they are handled, little enough that two batches' bytes rarely overlap.
    static let stepsAhead = 2

    /// Parses and handles batches of archived messages, overlapping the two: step k+1 is parsed
    /// by the worker pool (and prepared, `PreparedMessage`, on the step's thread) while step k
    /// is handled here, one transaction per step. `next` gives the next batch (nil: there is
    /// none), asked for once the last step of the one before is with the workers, so it is
    /// archived while they parse; `soon` is called a few steps before that (so the batch can be
    /// read meanwhile); `finished` takes each batch's outcomes, in order, once all of it is
    /// handled. A parser in this process (tests, one message from the MTA) goes batch by batch.
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
        var current = steps.takeNext().map { ($0.batch, parsing($0.messages, grammar: pass.grammar)) }
        while let (batch, step) = current {
            try supply()
            let items = try step.wait()
            current = steps.takeNext().map { ($0.batch, parsing($0.messages, grammar: pass.grammar)) }
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

        init(_ work: @escaping @Sendable () throws -> Value) {
            DispatchQueue.global().async { [self] in
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

    /// A step's parse (and preparation), on a thread of its own.
    func parsing(_ messages: consuming [ToParse], grammar: ReplyGrammar) -> Background<[Item]> {
        let work = UnsafeTransfer(messages)
        return Background { try parse(work.take(), grammar: grammar) }
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
