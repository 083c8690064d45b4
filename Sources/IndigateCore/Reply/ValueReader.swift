/// Reads one value as typed for an indicator of a given type.
enum ValueReader {
    struct Failure: Error, Equatable {
        var problem: ReplyProblem
    }

    static func read(_ text: String, as type: IndicatorType) -> Result<Value, Failure> {
        switch type {
        case .numeric: return number(text).map(Value.number)
        case .yesno: return yesNo(text)
        case .percentage: return percentage(text)
        }
    }

    static func number(_ text: String, type: IndicatorType = .numeric) -> Result<Int, Failure> {
        guard let read = WholeNumber.read(text) else {
            return .failure(Failure(problem: .notAWholeNumber(expected: type)))
        }
        if read.negative && read.number != 0 { return .failure(Failure(problem: .negativeNumber)) }
        return .success(read.number)
    }

    static func yesNo(_ text: String) -> Result<Value, Failure> {
        var word = text.lowercased().trimmed
        while let last = word.last, ".!".contains(last) { word.removeLast() }
        switch word {
        case "да", "yes": return .success(.yesNo(true))
        case "нет", "no": return .success(.yesNo(false))
        default: return .failure(Failure(problem: .notYesNo))
        }
    }

    static func percentage(_ text: String) -> Result<Value, Failure> {
        let lowered = text.lowercased()
        // «0» alone: nothing to count, 0 %, no document needed (the seed's rule for 0).
        if case .success(0) = number(lowered, type: .percentage) { return .success(.percentage(part: 0, whole: 0)) }
        let pieces: [String]
        if lowered.contains("/") {
            pieces = lowered.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        } else if let range = lowered.range(of: " из ") {
            pieces = [String(lowered[..<range.lowerBound]), String(lowered[range.upperBound...])]
        } else {
            return .failure(Failure(problem: .percentageNeedsTwoNumbers))
        }
        guard pieces.count == 2 else { return .failure(Failure(problem: .percentageNeedsTwoNumbers)) }
        let part: Int
        let whole: Int
        switch (number(pieces[0], type: .percentage), number(pieces[1], type: .percentage)) {
        case (.success(let p), .success(let w)):
            part = p
            whole = w
        case (.failure(let failure), _), (_, .failure(let failure)):
            return .failure(failure)
        }
        if part > whole { return .failure(Failure(problem: .partExceedsWhole)) }
        return .success(.percentage(part: part, whole: whole))
    }
}
