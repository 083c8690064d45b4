import Foundation
import IndigateMIME

/// Several isolated parse workers side by side (`parser.workers`, by default one per core): a
/// batch's messages are parsed in parallel, each worker taking the next message as it finishes
/// the last, so one large PDF does not hold the others up. Each worker keeps the isolation of
/// `IsolatedParser`: a message that crashes or hangs one costs that message a retry.
package final class ParserPool: MessageParsing, @unchecked Sendable {
    let workers: [IsolatedParser]
    private let lock = NSLock()
    private var next = 0

    package init(executable: String, workers count: Int, memoryMegabytes: Int, timeout: TimeInterval, limits: MIMELimits) {
        workers = (0..<max(1, count)).map { _ in
            IsolatedParser(executable: executable, memoryMegabytes: memoryMegabytes, timeout: timeout, limits: limits)
        }
    }

    package var isIsolated: Bool { true }

    /// Starts the workers that are not running, side by side, without waiting for them.
    package func warmUp() {
        for worker in workers { DispatchQueue.global().async { worker.warmUp() } }
    }

    /// One message, on the next worker in turn.
    package func parse(_ raw: consuming [UInt8]) -> ParseOutcome {
        workers[take(modulo: workers.count)].parse(consume raw)
    }

    /// A first page, on the next worker in turn.
    package func firstPage(_ pdf: [UInt8]) -> [UInt8]? {
        workers[take(modulo: workers.count)].firstPage(pdf)
    }

    /// Every message of a batch, on all the workers at once; outcomes in the input's order.
    package func parseAll(_ raws: consuming [[UInt8]]) -> [ParseOutcome] {
        let count = raws.count
        let inputs = Inputs(raws)
        let results = Results(count: count)
        let queue = Counter()
        DispatchQueue.concurrentPerform(iterations: min(workers.count, count)) { lane in
            while let index = queue.take(below: count) {
                results.set(index, workers[lane].parse(inputs.take(index)))
            }
        }
        return results.all
    }

    /// A batch's messages, each taken out (and let go here) when a worker starts on it.
    private final class Inputs: @unchecked Sendable {
        private let lock = NSLock()
        private var raws: [[UInt8]]
        init(_ raws: consuming [[UInt8]]) { self.raws = raws }
        func take(_ index: Int) -> [UInt8] {
            lock.lock()
            defer { lock.unlock() }
            let raw = raws[index]
            raws[index] = []
            return raw
        }
    }

    private func take(modulo count: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        next = (next + 1) % count
        return next
    }

    /// The next message's index for whichever worker is free.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func take(below limit: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < limit else { return nil }
            value += 1
            return value - 1
        }
    }

    /// Outcomes written by the lanes, read once they are all done.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [ParseOutcome?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ outcome: ParseOutcome) {
            lock.lock()
            values[index] = outcome
            lock.unlock()
        }
        var all: [ParseOutcome] {
            lock.lock()
            defer { lock.unlock() }
            return values.map { $0 ?? .parserFailed("not parsed") }
        }
    }
}
