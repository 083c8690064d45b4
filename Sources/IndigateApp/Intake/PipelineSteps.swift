/// The steps of the batches in `Intake.pipeline`: those waiting for the workers, and each open
/// batch's steps left to handle and outcomes so far, so batches finish in the order they came.
struct PipelineSteps {
    let size: Int
    /// No batch is left to ask for.
    var exhausted = false
    private(set) var waiting: [(batch: Int, messages: [Intake.ToParse])] = []
    private var open: [Batch] = []
    /// The number of `open`'s first batch.
    private var first = 0

    struct Batch {
        var left: Int
        var outcomes: [MessageOutcome] = []
    }

    init(size: Int) { self.size = size }

    /// Adds a batch, cut in steps.
    mutating func add(_ messages: consuming [Intake.ToParse]) {
        let all = messages
        let number = first + open.count
        let starts = Array(stride(from: 0, to: all.count, by: size))
        for start in starts { waiting.append((number, Array(all[start..<min(start + size, all.count)]))) }
        open.append(Batch(left: starts.count))
    }

    /// The next step to parse, if any.
    mutating func takeNext() -> (batch: Int, messages: [Intake.ToParse])? {
        waiting.isEmpty ? nil : waiting.removeFirst()
    }

    /// Records a step of `batch` as handled, with its outcomes.
    mutating func handled(_ outcomes: [MessageOutcome], in batch: Int) {
        open[batch - first].outcomes += outcomes
        open[batch - first].left -= 1
    }

    /// The outcomes of the batches now finished (all their steps handled), oldest first; a
    /// batch finishes only after those before it.
    mutating func finishedBatches() -> [[MessageOutcome]] {
        var done: [[MessageOutcome]] = []
        while let batch = open.first, batch.left == 0 {
            done.append(batch.outcomes)
            open.removeFirst()
            first += 1
        }
        return done
    }
}
