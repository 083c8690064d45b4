/// Text a sender controls (a subject, a file name, a name, a line of a reply, a command) as it
/// may appear in a letter or on a terminal: one line, no control or format characters, at
/// most `limit` characters, inside «…» so a reader sees where it starts and ends. Costs time
/// linear in the input and never reads more than it keeps.
package enum QuotedText {
    /// The default limit: enough for a line of values, too short to pass as a paragraph.
    package static let defaultLimit = 200

    /// `text` cleaned (see `clean`) and inside «…».
    package static func quote(_ text: String, limit: Int = defaultLimit) -> String {
        "«" + clean(text, limit: limit) + "»"
    }

    /// `text` as one line: line breaks and tabs become spaces, runs of spaces collapse, other
    /// control, format and bidirectional characters go, guillemets become quotes (so the text
    /// cannot close its own quotation), and it is cut at `limit` characters with «…».
    package static func clean(_ text: String, limit: Int = defaultLimit) -> String {
        var result = ""
        var count = 0
        var pendingSpace = false
        var truncated = false
        for scalar in text.unicodeScalars {
            // Printable ASCII and the Cyrillic block (all of it assigned, none of it space,
            // control or format) are kept without looking their properties up.
            let plain = (0x21..<0x7F).contains(scalar.value) || (0x0400...0x04FF).contains(scalar.value)
            // Line breaks, tabs and control characters separate words («Иванова\0Анна» is two).
            if !plain, isSpace(scalar) || scalar.properties.generalCategory == .control {
                pendingSpace = count > 0
                continue
            }
            guard plain || !isHidden(scalar) else { continue }
            if count >= limit {
                truncated = true
                break
            }
            if pendingSpace {
                result.unicodeScalars.append(" ")
                count += 1
                pendingSpace = false
                if count >= limit {
                    truncated = true
                    break
                }
            }
            result.unicodeScalars.append(scalar == "«" || scalar == "»" ? "\"" : scalar)
            count += 1
        }
        return truncated ? result + "…" : result
    }

    /// Line breaks, tabs and other white space.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{0085}"
    }

    /// Format characters (zero-width, bidirectional overrides) and unassigned or private-use
    /// code points: nothing a reader should see.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .format, .unassigned, .privateUse, .surrogate, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
