import IndigateCore

/// What an operator's reply asks for: each command line with the actions it names, in order.
/// `ПРИНЯТЬ ВСЕ` is already expanded to what the review letter listed, nothing newer.
struct OperatorPlan: Sendable, Equatable {
    struct Step: Sendable, Equatable {
        /// The command as written (a rejection with its resolution's lines).
        var text: String
        var action: Action
    }

    enum Action: Sendable, Equatable {
        /// Accept or reject these versions (the resolution is nil for an acceptance).
        case decide(ids: [Int64], accept: Bool, resolution: String?)
        /// `ВСЕ` in a reply to a letter that listed nothing.
        case nothingListed
        case release([Int64])
        case drop([Int64])
        /// One organisation's standing, mailed to the operator.
        case status(inn: String)
        /// The region's digest (or a municipality's), mailed to the operator.
        case report(ReportAsk)
        /// Move the current round's deadline (`YYYY-MM-DD`) for the region or these targets.
        case extend(deadline: String, targets: [String])
        case problem(CommandProblem)
    }

    var steps: [Step]
    /// The versions the review letter listed.
    var listed: Set<Int64>
}

/// The Interpret stage for an operator's reply: pure — the reply's new text and what the
/// letter listed in, a plan out.
enum OperatorInterpreter {
    static func plan(_ message: ParsedMessage, listed: [Int64]) -> OperatorPlan {
        let steps = CommandGrammar.read(ReplyText.newText(of: message.text)).map { line -> OperatorPlan.Step in
            let action: OperatorPlan.Action
            switch line.command {
            case .failure(let problem): action = .problem(problem)
            case .success(.accept(let selection)): action = decide(selection, listed: listed, accept: true, resolution: nil)
            case .success(.reject(let selection, let resolution)):
                action = decide(selection, listed: listed, accept: false, resolution: resolution)
            case .success(.release(let ids)): action = .release(ids)
            case .success(.drop(let ids)): action = .drop(ids)
            case .success(.status(let inn)): action = .status(inn: inn)
            case .success(.report(let words)): action = .report(ReportAsk(words: words))
            case .success(.extend(let deadline, let targets)): action = .extend(deadline: deadline, targets: targets)
            }
            return OperatorPlan.Step(text: line.text, action: action)
        }
        return OperatorPlan(steps: steps, listed: Set(listed))
    }

    static func decide(_ selection: OperatorCommand.Selection, listed: [Int64], accept: Bool, resolution: String?)
        -> OperatorPlan.Action
    {
        switch selection {
        case .all: listed.isEmpty ? .nothingListed : .decide(ids: listed, accept: accept, resolution: resolution)
        case .ids(let ids): .decide(ids: ids, accept: accept, resolution: resolution)
        }
    }
}
