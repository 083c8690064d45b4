import Foundation

extension Intake {
    /// Messages parsed and handled per step of a batch: the workers parse one step while this
    /// thread handles (and commits) the one before, so neither waits for the other.
    static let pipelineStep = 32

    /// Parses and handles archived messages, overlapping the two: step k+1 is parsed by the
    /// worker pool while step k is handled here, one transaction per step. A parser in this
    /// process (tests, one message from the MTA) goes step by step.
    func parseAndHandle(_ messages: consuming [ToParse], now: Date) throws -> [MessageOutcome] {
        var remaining = messages
        guard parser.isIsolated, remaining.count > Self.pipelineStep else {
            return try handle(try parse(consume remaining), now: now)
        }
        var steps: [[ToParse]] = []
        while !remaining.isEmpty {
            let count = min(Self.pipelineStep, remaining.count)
            steps.append(Array(remaining.prefix(count)))
            remaining.removeFirst(count)
        }
        var outcomes: [MessageOutcome] = []
        var next: Parsing? = Parsing(self, steps[0])
        // The catalogue once for the batch, not once a step: with every school listed as a
        // participant it is 25,000 rows (8 % of the handling thread's time when read per step).
        let context = try store.read { try BatchContext(tx: $0) }
        steps[0] = []
        for index in steps.indices {
            let items = try next!.wait()
            if index + 1 < steps.count {
                next = Parsing(self, steps[index + 1])
                steps[index + 1] = []
            } else {
                next = nil
            }
            outcomes += try handle(items, context: context, now: now)
        }
        return outcomes
    }

    /// One step's parse, running on a thread of its own until `wait()` takes its items.
    final class Parsing: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result: Result<[Item], any Error> = .success([])

        init(_ intake: Intake, _ messages: consuming [ToParse]) {
            let work = UnsafeTransfer(messages)
            DispatchQueue.global().async { [self] in
                result = Result { try intake.parse(work.take()) }
                done.signal()
            }
        }

        func wait() throws -> [Item] {
            done.wait()
            return try result.get()
        }
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
