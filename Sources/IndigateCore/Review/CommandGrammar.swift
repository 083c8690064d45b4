/// Reads an operator's reply (its new text, already cut from the quoted letter): one command
/// per line, Russian or English verbs, any case (`ОТЧЁТ` takes the words a coordinator's
/// `ОТЧЁТ` does). Reading stops at `СТОП`, `STOP` or a
/// signature (`--`). Lines that are not commands are left out of the transcript, except lines
/// that look like a mistyped command («ПРИНЯТ 10»), which are answered as errors.
///
/// The one rule for numbers: `ПРИНЯТЬ`, `ОСВОБОДИТЬ` and `ОТБРОСИТЬ` take numbers and ranges
/// separated by spaces or commas (`1042 1044-1050`); `ОТКЛОНИТЬ` takes its numbers as one word —
/// a number, a range or a list without spaces (`1043`, `1043-1050`, `1043,1044`), or `ВСЕ` —
/// and everything after that word is the resolution, which may go on below until a blank line
/// or the next command. So `ОТКЛОНИТЬ 1043 10 учеников…` rejects № 1043 with the resolution
/// «10 учеников…».
package enum CommandGrammar {
    enum Verb: String, CaseIterable {
        case accept, reject, release, drop, status, report, extend

        var spellings: [String] {
            switch self {
            case .accept: ["принять", "accept", "принято"]
            case .reject: ["отклонить", "reject", "отклонено"]
            case .release: ["освободить", "release"]
            case .drop: ["отбросить", "drop"]
            case .status: ["статус", "status"]
            case .report: CommandGrammar.reportWords
            case .extend: ["продлить", "extend"]
            }
        }
    }

    static let stops = ["стоп", "stop", "--"]
    /// The most numbers one line may name.
    package static let maximumNumbers = 1000
    /// `ОТЧЁТ` as it may be written: the operators' command and the coordinators' request alike.
    package static let reportWords = ["отчёт", "отчет", "report"]
    /// The most words after `ОТЧЁТ` that are read (a date, НОВЫЕ, CSV, a municipality's name).
    package static let maximumReportWords = 8

    package static func read(_ text: String) -> [CommandLine] {
        let lines = text.lines.map {
            $0.trimmingCharacters(in: [" ", "\t", "\u{00A0}"])
        }
        var result: [CommandLine] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            if isStop(line) { break }
            guard let (verb, rest) = verbAndRest(line) else {
                if looksLikeCommand(line) { result.append(CommandLine(text: line, command: .failure(.unknownVerb))) }
                continue
            }
            switch verb {
            case .accept:
                result.append(CommandLine(text: line, command: numbers(rest, allowAll: true).map { .accept($0) }))
            case .release, .drop:
                let command: Result<OperatorCommand, CommandProblem> = numbers(rest, allowAll: false).flatMap { selection in
                    guard case .ids(let ids) = selection else { return .failure(.badNumbers) }
                    return .success(verb == .release ? .release(ids) : .drop(ids))
                }
                result.append(CommandLine(text: line, command: command))
            case .status:
                let inn = rest.trimmingCharacters(in: [" ", "\t"])
                let valid = Organization.isValidINN(inn)
                result.append(CommandLine(text: line, command: valid ? .success(.status(inn: inn)) : .failure(.badINN)))
            case .report:
                let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).prefix(maximumReportWords)
                result.append(CommandLine(text: line, command: .success(.report(words: words.map(String.init)))))
            case .extend:
                result.append(CommandLine(text: line, command: deadlineExtension(rest)))
            case .reject:
                var full = line
                var continuation: [String] = []
                // The resolution goes on below until a blank line, a stop, a command, or a line
                // that looks like a mistyped command (which is then answered on its own).
                while index < lines.count, !lines[index].isEmpty, !isStop(lines[index]),
                    verbAndRest(lines[index]) == nil, !looksLikeCommand(lines[index])
                {
                    continuation.append(lines[index])
                    full += "\n" + lines[index]
                    index += 1
                }
                result.append(CommandLine(text: full, command: rejection(rest, continuation: continuation)))
            }
        }
        return result
    }

    static func isStop(_ line: String) -> Bool {
        stops.contains(line.lowercased().trimmingCharacters(in: [" "]))
    }

    /// The verb and the rest of the line, when the line starts with one.
    static func verbAndRest(_ line: String) -> (Verb, String)? {
        let first = firstWord(line).lowercased()
        guard let verb = Verb.allCases.first(where: { $0.spellings.contains(first) }) else { return nil }
        let rest = line.dropFirst(first.count).drop { $0 == " " || $0 == "\t" || $0 == ":" }
        return (verb, String(rest).trimmingCharacters(in: [" ", "\t"]))
    }

    static func firstWord(_ line: String) -> Substring {
        line.prefix { !$0.isWhitespace && $0 != ":" }
    }

    /// A line whose first word is a verb misspelt by one or two letters and whose next word
    /// starts with a digit or is ВСЕ/ALL: «ПРИНЯТ 10», «ОТКЛОНИТ 5 …», «ACEPT ALL».
    static func looksLikeCommand(_ line: String) -> Bool {
        let first = firstWord(line)
        guard (4...14).contains(first.count), first.allSatisfy(\.isLetter) else { return false }
        let rest = line.dropFirst(first.count).drop { $0 == " " || $0 == "\t" || $0 == ":" }
        let next = rest.prefix { !$0.isWhitespace }.lowercased()
        guard next.first?.isNumber == true || next == "все" || next == "all" else { return false }
        let lowered = Array(first.lowercased())
        return Verb.allCases.flatMap(\.spellings).contains { distance(lowered, Array($0)) <= 2 }
    }

    /// Levenshtein distance of two short words.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j] + (x == y ? 0 : 1), previous[j + 1] + 1, current[j] + 1)
            }
            previous = current
        }
        return previous[b.count]
    }

    /// `ВСЕ`/`ALL`, or numbers and ranges separated by spaces or commas, and nothing else.
    static func numbers(_ rest: String, allowAll: Bool) -> Result<OperatorCommand.Selection, CommandProblem> {
        let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        if allowAll, words.count == 1, isAll(words[0]) { return .success(.all) }
        guard !words.isEmpty else { return .failure(.badNumbers) }
        var ids: [Int64] = []
        for word in words {
            switch Self.ids(in: word) {
            case .success(let more): ids += more
            case .failure(let problem): return .failure(problem)
            }
            if ids.count > maximumNumbers { return .failure(.tooMany) }
        }
        return .success(.ids(ids))
    }

    /// A rejection: one selection word, an optional colon, then the resolution.
    static func rejection(_ rest: String, continuation: [String]) -> Result<OperatorCommand, CommandProblem> {
        let word = String(rest.prefix { !$0.isWhitespace })
        let selectionWord = word.hasSuffix(":") ? String(word.dropLast()) : word
        let selection: OperatorCommand.Selection
        if isAll(selectionWord) {
            selection = .all
        } else {
            var ids: [Int64] = []
            for piece in selectionWord.split(separator: ",", omittingEmptySubsequences: false) {
                switch self.ids(in: String(piece)) {
                case .success(let more): ids += more
                case .failure(let problem): return .failure(problem)
                }
            }
            guard !ids.isEmpty else { return .failure(.badNumbers) }
            guard ids.count <= maximumNumbers else { return .failure(.tooMany) }
            selection = .ids(ids)
        }
        let first = rest.dropFirst(word.count).drop { $0 == " " || $0 == "\t" || $0 == ":" || $0 == "—" || $0 == "-" }
        let resolution = ([String(first)] + continuation).filter { !$0.isEmpty }.joined(separator: " ")
        guard !resolution.isEmpty else { return .failure(.missingResolution) }
        return .success(.reject(selection, resolution: String(resolution.prefix(2000))))
    }

    /// `ДО 30.09.2020` (or `UNTIL`, or the date alone), then whom: nothing (the region), INNs,
    /// or a municipality's name — the words are kept as written, at most `maximumNumbers`.
    static func deadlineExtension(_ rest: String) -> Result<OperatorCommand, CommandProblem> {
        var words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        if let first = words.first, ["до", "until", "to"].contains(first.lowercased()) { words.removeFirst() }
        guard let date = words.first, let deadline = RoundDates.isoDay(fromRussian: date) else {
            return .failure(.badDeadline)
        }
        let targets = Array(words.dropFirst())
        guard targets.count <= maximumNumbers else { return .failure(.tooMany) }
        return .success(.extend(deadline: deadline, targets: targets))
    }

    static func isAll(_ word: String) -> Bool {
        let lowered = word.lowercased().trimmingCharacters(in: [",", ".", ":"])
        return lowered == "все" || lowered == "all"
    }

    /// `1042` or `1044-1050`.
    static func ids(in word: String) -> Result<[Int64], CommandProblem> {
        let bounds = word.split(separator: "-", omittingEmptySubsequences: false)
        if bounds.count == 1, let id = Int64(bounds[0]), id > 0 { return .success([id]) }
        if bounds.count == 2, let low = Int64(bounds[0]), let high = Int64(bounds[1]), low > 0 {
            guard low <= high else { return .failure(.badNumbers) }
            guard high - low < Int64(maximumNumbers) else { return .failure(.tooMany) }
            return .success(Array(low...high))
        }
        return .failure(.badNumbers)
    }
}
