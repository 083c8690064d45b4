/// Whether an address header's value leaves a comment open, read as GMime 3.2 reads it: a
/// comment runs from `(` to its matching `)`, a backslash in a comment escapes the next byte, a
/// quoted string hides parentheses, and a NUL ends the value. GMime's address parser leaks the
/// address it has just read when the comment after it never closes (`a@b.test (x`), so the
/// guard refuses such a header rather than feed it to a long-lived parse worker. The scan is
/// fed the value's lines in order (unfolding only drops the line breaks) and is linear.
///
/// Where a quoted string is never closed GMime rereads it as words, so the value is also read
/// without quotes: a comment open in either reading counts.
struct AddressCommentScan {
    private var quoted = Reading(quotes: true)
    private var plain = Reading(quotes: false)
    private var ended = false

    mutating func feed(_ bytes: ArraySlice<UInt8>) {
        guard !ended else { return }
        for byte in bytes {
            if byte == 0 {
                ended = true
                return
            }
            quoted.read(byte)
            plain.read(byte)
        }
    }

    /// True when GMime could meet a comment that never closes.
    var leavesCommentOpen: Bool {
        quoted.depth > 0 || (quoted.inQuote && plain.depth > 0)
    }

    private struct Reading {
        let quotes: Bool
        var depth = 0
        var inQuote = false
        var escaped = false

        init(quotes: Bool) { self.quotes = quotes }

        mutating func read(_ byte: UInt8) {
            if escaped {
                escaped = false
                return
            }
            if depth > 0 {
                switch byte {
                case UInt8(ascii: "\\"): escaped = true
                case UInt8(ascii: "("): depth += 1
                case UInt8(ascii: ")"): depth -= 1
                default: break
                }
            } else if inQuote {
                switch byte {
                case UInt8(ascii: "\\"): escaped = true
                case UInt8(ascii: "\""): inQuote = false
                default: break
                }
            } else if byte == UInt8(ascii: "(") {
                depth = 1
            } else if quotes && byte == UInt8(ascii: "\"") {
                inQuote = true
            }
        }
    }
}
