import Foundation
import Yams

/// Where a configuration file says what: YAML syntax errors with their line and column, keys
/// the program does not know (Codable would ignore `pasword_file` silently) with their line and
/// the key meant, and the line of a key whose value is wrong.
enum ConfigKeys {
    /// A YAML error as `line L, column C: problem`.
    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return "not valid YAML: line \(mark.line), column \(mark.column): \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "key '\(duplicates.joined(separator: "', '"))' written twice in the section at line \(context.mark.line)"
        default:
            return "not valid YAML: \(error)"
        }
    }

    /// Every key of `written` that `known` (the decoded configuration encoded back, so it
    /// holds every key the program reads; `optional` names the keys it may leave out) lacks, as `'a.b' (line N)` with the nearest sibling
    /// the program knows. Keys with an empty value are left alone: they decode to nothing.
    static func unknown(written: Node, known: Node, path: [String] = [], optional: [String] = []) -> [String] {
        if case .sequence(let items) = written, case .sequence(let counterparts) = known {
            return zip(items, counterparts).enumerated().flatMap { index, pair in
                unknown(written: pair.0, known: pair.1, path: path + ["[\(index)]"], optional: optional)
            }
        }
        guard case .mapping(let mapping) = written else { return [] }
        let siblings = known.mapping.map { $0.keys.compactMap(\.string) } ?? []
        var problems: [String] = []
        for (key, value) in mapping {
            let name = key.string ?? "?"
            if let counterpart = known.mapping?[name] {
                problems += unknown(written: value, known: counterpart, path: path + [name], optional: optional)
            } else if value.null == nil {
                let line = key.mark.map { " (line \($0.line))" } ?? ""
                let hint = (nearest(name, in: siblings) ?? nearest(name, in: optional)).map { "; did you mean '\($0)'?" } ?? ""
                problems.append("unknown key '\((path + [name]).joined(separator: ".").replacingOccurrences(of: ".[", with: "["))'\(line)\(hint)")
            }
        }
        return problems
    }

    /// The line of the key (or list item) at `path`, for errors about it.
    static func line(of path: [String], in root: Node) -> Int? {
        node(at: path, in: root)?.line
    }

    /// The node at `path` (keys and list indexes) and the line of its key.
    static func node(at path: [String], in root: Node) -> (node: Node, line: Int?)? {
        var current = root
        var line = root.mark?.line
        for key in path {
            if let index = Int(key), case .sequence(let sequence) = current, index < sequence.count {
                current = sequence[index]
                line = current.mark?.line
            } else if case .mapping(let mapping) = current, let pair = mapping.first(where: { $0.key.string == key }) {
                current = pair.value
                line = pair.key.mark?.line
            } else {
                return nil
            }
        }
        return (current, line)
    }

    /// For a key the program needs and did not find: a written sibling within two edits of it.
    static func misspelling(of key: String, under path: [String], in root: Node) -> String? {
        guard let section = node(at: path, in: root)?.node, case .mapping(let mapping) = section else { return nil }
        guard let pair = mapping.first(where: { ($0.key.string).map { distance($0, key) <= 2 } ?? false }) else { return nil }
        return "'\(pair.key.string ?? "")'" + (pair.key.mark.map { " at line \($0.line)" } ?? "")
    }

    /// What a Swift type is called in a configuration file.
    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is Int32.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is String.Type: "text"
        case is [String].Type, is [Int].Type: "a list"
        default: "a section"
        }
    }

    /// The known key within two edits of `name`, if any.
    static func nearest(_ name: String, in keys: [String]) -> String? {
        keys.map { ($0, distance(name, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance; keys are short, so the quadratic table is tiny.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}
