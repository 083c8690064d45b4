import Foundation
import IndigateCore

/// The one-word requests a reply may make on a line of its own, in each spelling accepted:
/// one list for every flow that reads them.
enum RequestWord {
    /// «КАТАЛОГ»: every group and indicator of the catalogue.
    static let catalogue: Set<String> = ["каталог", "catalogue", "catalog"]
    /// «СТАТУС»: a school's standing in the round.
    static let status: Set<String> = ["статус", "status"]

    /// No line longer than this (in UTF-8 bytes, once trimmed) lowercases to a request word:
    /// lowercasing leaves a character at least a third of its bytes (the Kelvin sign's three
    /// become «k»'s one), so four times the longest spelling is a safe bound.
    static let longestLine = catalogue.union(status).map(\.utf8.count).max()! * 4

    /// The request words written on lines of their own in `text` (lowercased, spaces around
    /// them ignored); a long line is not lowercased only to find it is no request, nor is a line
    /// with a digit (a value's line): no spelling holds one, and trimming and lowercasing keep
    /// digits as they are.
    static func written(in text: String) -> Set<String> {
        var words: Set<String> = []
        for line in text.lines where !line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.utf8.count <= longestLine else { continue }
            let word = trimmed.lowercased()
            if catalogue.contains(word) || status.contains(word) { words.insert(word) }
        }
        return words
    }
}
