/// Reads an operator's reply (its new text, already cut from the quoted letter): one command
/// per line, Russian or English verbs, any case. A rejection's resolution may continue on the
/// following lines until the next command or a blank line. Reading stops at `СТОП`, `STOP`,
/// or a signature (`--`). Other lines are not commands and are left out of the transcript.
public enum CommandGrammar {
    static let accept = ["принять", "accept", "принято"]
    static let reject = ["отклонить", "reject", "отклонено"]
    static let release = ["освободить", "release"]
    static let drop = ["отбросить", "drop"]
    static let stops = ["стоп", "stop", "--", "-- "]

    public static func read(_ text: String) -> [CommandLine] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: [" ", "\t", "\u{00A0}"])
        }
        var result: [CommandLine] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            if stops.contains(line.lowercased()) { break }
            guard let (verb, rest) = verbAndRest(line) else { continue }
            switch verb {
            case "accept":
                result.append(CommandLine(text: line, command: selection(rest, allowResolution: false).map { .accept($0.0) }))
            case "reject":
                var full = line
                var resolutionLines: [String] = []
                // The resolution may go on below, until a blank line, a stop or the next command.
                while index < lines.count, !lines[index].isEmpty, verbAndRest(lines[index]) == nil,
                    !stops.contains(lines[index].lowercased())
                {
                    resolutionLines.append(lines[index])
                    full += "\n" + lines[index]
                    index += 1
                }
                let parsed = selection(rest, allowResolution: true).flatMap { selection, resolution in
                    let text = ([resolution] + resolutionLines).filter { !$0.isEmpty }.joined(separator: " ")
                    return text.isEmpty
                        ? .failure(.missingResolution)
                        : .success(OperatorCommand.reject(selection, resolution: String(text.prefix(2000))))
                }
                result.append(CommandLine(text: full, command: parsed))
            case "release", "drop":
                let numbers = rest.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Int64($0) }
                let words = rest.split(whereSeparator: { $0 == " " || $0 == "," })
                if numbers.count == 1, words.count == 1 {
                    result.append(CommandLine(text: line, command: .success(verb == "release" ? .release(numbers[0]) : .drop(numbers[0]))))
                } else {
                    result.append(CommandLine(text: line, command: .failure(.badNumbers)))
                }
            default: break
            }
        }
        return result
    }

    /// The verb (normalised to English) and the rest of the line, when the line starts with one.
    static func verbAndRest(_ line: String) -> (String, String)? {
        let lowered = line.lowercased()
        let first = String(lowered.prefix { !$0.isWhitespace && $0 != ":" })
        let rest = String(line.dropFirst(first.count).drop { $0 == " " || $0 == "\t" || $0 == ":" })
            .trimmingCharacters(in: [" ", "\t"])
        if accept.contains(first) { return ("accept", rest) }
        if reject.contains(first) { return ("reject", rest) }
        if release.contains(first) { return ("release", rest) }
        if drop.contains(first) { return ("drop", rest) }
        return nil
    }

    /// `ВСЕ`/`ALL`, or ids and ranges (`1042 1044-1050`, commas allowed), then for a rejection
    /// the resolution: everything after the numbers.
    static func selection(_ rest: String, allowResolution: Bool) -> Result<(OperatorCommand.Selection, String), CommandProblem> {
        let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let first = words.first?.lowercased().trimmingCharacters(in: [",", "."]), first == "все" || first == "all" {
            let resolution = words.dropFirst().joined(separator: " ")
            if !allowResolution && !resolution.isEmpty { return .failure(.badNumbers) }
            return .success((.all, resolution))
        }
        var ids: [Int64] = []
        var consumed = 0
        for word in words {
            let pieces = word.split(separator: ",", omittingEmptySubsequences: true)
            var numbers: [Int64] = []
            var isNumbers = !pieces.isEmpty
            for piece in pieces {
                let bounds = piece.split(separator: "-", omittingEmptySubsequences: false)
                if bounds.count == 1, let id = Int64(bounds[0]) {
                    numbers.append(id)
                } else if bounds.count == 2, let low = Int64(bounds[0]), let high = Int64(bounds[1]) {
                    guard low <= high, high - low < 1000 else { return .failure(high - low >= 1000 ? .tooMany : .badNumbers) }
                    numbers += Array(low...high)
                } else {
                    isNumbers = false
                }
            }
            guard isNumbers else { break }
            ids += numbers
            consumed += 1
            if ids.count > 1000 { return .failure(.tooMany) }
        }
        let resolution = words.dropFirst(consumed).joined(separator: " ")
        guard !ids.isEmpty else { return .failure(.badNumbers) }
        if !allowResolution && !resolution.isEmpty { return .failure(.badNumbers) }
        return .success((.ids(ids), resolution))
    }
}
