/// The reply grammar of the brief: `CODE: VALUE` (or `CODE = VALUE`) lines, a value on the line
/// after a bare `CODE:`, registration lines (`ФИО:`, `Должность:`, `Телефон:`). Every other line
/// is ignored. Checks that need the store (assignment, locks) happen when values are applied.
package struct ReplyGrammar: Sendable {
    package let catalogue: Catalogue

    package init(catalogue: Catalogue) {
        self.catalogue = catalogue
    }

    /// Reads the new text of a reply (already cut from the quoted letter).
    package func read(_ text: String) -> [ReplyLine] {
        let lines = text.lines.map { String($0).trimmed }
        var result: [ReplyLine] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            if let registration = Self.registration(line) {
                result.append(registration)
                continue
            }
            guard let (code, rest) = Self.codeAndRest(line) else { continue }
            var valueText = rest
            var shownText = line
            if valueText.isEmpty, index < lines.count, !lines[index].isEmpty,
                Self.codeAndRest(lines[index]) == nil, Self.registration(lines[index]) == nil
            {
                // «1.2:» with the value on the next line.
                valueText = lines[index]
                shownText = line + " " + valueText
                index += 1
            }
            result.append(interpret(code: code, value: valueText, line: shownText))
        }
        return Self.markingDuplicates(result)
    }

    func interpret(code: String, value: String, line: String) -> ReplyLine {
        guard let indicator = catalogue.indicator(code: code) else {
            return .invalid(code: code, text: line, problem: .unknownCode)
        }
        guard !value.isEmpty else { return .invalid(code: code, text: line, problem: .missingValue) }
        switch ValueReader.read(value, as: indicator.type) {
        case .success(let parsed): return .value(code: code, text: line, value: parsed)
        case .failure(let problem): return .invalid(code: code, text: line, problem: problem.problem)
        }
    }

    /// A line `CODE: rest` or `CODE = rest`: the code and the trimmed rest. The code is digits
    /// separated by dots («1.2»), optionally followed by a dot («1.2.:»).
    static func codeAndRest(_ line: String) -> (String, String)? {
        var scalars = Substring(line)
        var code = ""
        var sawDot = false
        while let c = scalars.first, c.isASCII, c.isNumber || c == "." {
            code.append(c)
            sawDot = sawDot || c == "."
            scalars = scalars.dropFirst()
        }
        while code.hasSuffix(".") { code.removeLast() }
        guard sawDot, code.contains("."), let first = code.first, first.isNumber,
            !code.contains("..")
        else { return nil }
        scalars = scalars.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" })
        guard let separator = scalars.first, separator == ":" || separator == "=" else { return nil }
        return (code, String(scalars.dropFirst()).trimmed)
    }

    static func registration(_ line: String) -> ReplyLine? {
        let labels: [(String, RegistrationField)] = [
            ("фио", .personName), ("должность", .position), ("телефон", .phone),
        ]
        let lowered = line.lowercased()
        for (label, field) in labels where lowered.hasPrefix(label) {
            let rest = line.dropFirst(label.count).drop(while: { $0 == " " })
            guard rest.first == ":" else { continue }
            let value = String(rest.dropFirst()).trimmed
            guard !value.isEmpty else { return nil }
            return .registration(field: field, text: line, value: String(value.prefix(200)))
        }
        return nil
    }

    /// A code given twice in one reply is an error on every line that gives it: the school
    /// must say which value it means.
    package static func markingDuplicates(_ lines: [ReplyLine]) -> [ReplyLine] {
        var counts: [String: Int] = [:]
        for line in lines {
            switch line {
            case .value(let code, _, _), .invalid(let code, _, _): counts[code, default: 0] += 1
            case .registration: break
            }
        }
        return lines.map { line in
            if case .value(let code, let text, _) = line, counts[code, default: 0] > 1 {
                return .invalid(code: code, text: text, problem: .duplicateCode)
            }
            return line
        }
    }
}
