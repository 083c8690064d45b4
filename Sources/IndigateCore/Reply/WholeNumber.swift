/// Reads whole numbers as people type them: «1234», «1 234», with a no-break or thin space.
enum WholeNumber {
    /// Spaces people put between thousands: space, NBSP, narrow NBSP, thin space.
    static let groupSeparators: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]

    /// The number in `text`, or nil when it is not a plain whole number. A leading minus is
    /// reported as `negative`.
    static func read(_ text: String) -> Result? {
        var body = Substring(text.trimmingCharacters(in: groupSeparators))
        var negative = false
        if let first = body.first, first == "-" || first == "−" {
            negative = true
            body = body.dropFirst()
        }
        let digits = body.filter { !groupSeparators.contains($0) }
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int(digits)
        else { return nil }
        // A group separator must sit between digit groups of three ("1 234"), not "12 34".
        let groups = body.split(whereSeparator: { groupSeparators.contains($0) })
        if groups.count > 1, groups.first!.count > 3 || groups.dropFirst().contains(where: { $0.count != 3 }) {
            return nil
        }
        return Result(number: number, negative: negative)
    }

    struct Result: Equatable {
        var number: Int
        var negative: Bool
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace || set.contains(first) { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace || set.contains(last) { text = text.dropLast() }
        return String(text)
    }

    /// The string without leading and trailing whitespace.
    var trimmed: String { trimmingCharacters(in: []) }
}
