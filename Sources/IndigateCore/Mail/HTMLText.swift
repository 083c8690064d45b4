import Foundation

/// Reduces an HTML body to the lines a person sees: block ends and `<br>` become line breaks,
/// table cells are separated by spaces, scripts and styles vanish, entities are decoded.
package enum HTMLText {
    package static func text(of html: String) -> String {
        var output = ""
        var index = html.startIndex
        var skipping: String? = nil
        // Once a search for '>' has failed, no later '<' can close either: remembering that keeps
        // a body of unterminated tags («<a<a<a…») linear instead of quadratic.
        var noMoreClose = false
        while index < html.endIndex {
            if let skip = skipping {
                // Inside <script>, <style>, <head>: nothing is text until the closing tag.
                guard let close = html[index...].range(of: "</" + skip, options: .caseInsensitive),
                    let end = html[close.upperBound...].firstIndex(of: ">")
                else { break }
                index = html.index(after: end)
                skipping = nil
                continue
            }
            let c = html[index]
            let next = html.index(after: index) < html.endIndex ? html[html.index(after: index)] : " "
            if c == "<", next.isLetter || next == "/" || next == "!", !noMoreClose,
                let close = html[index...].firstIndex(of: ">") ?? { noMoreClose = true; return nil }()
            {
                let tag = html[html.index(after: index)..<close].lowercased()
                let name = String(tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }))
                let closing = tag.hasPrefix("/")
                if !closing && (name == "script" || name == "style" || name == "head") {
                    skipping = name
                } else if ["br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "blockquote"].contains(name) {
                    if name != "br" || !closing { output.append("\n") }
                } else if name == "td" || name == "th" {
                    if closing { output.append(" ") }
                }
                index = html.index(after: close)
                continue
            }
            if skipping == nil {
                if c == "&", let semicolon = html[index...].prefix(10).firstIndex(of: ";") {
                    let entity = String(html[html.index(after: index)..<semicolon])
                    if let decoded = decode(entity) {
                        output.append(decoded)
                        index = html.index(after: semicolon)
                        continue
                    }
                }
                output.append(c == "\r\n" || c == "\r" || c == "\n" ? " " : c)
            }
            index = html.index(after: index)
        }
        // Collapse runs of spaces on each line, keep line structure.
        return output.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            .joined(separator: "\n")
    }

    static func decode(_ entity: String) -> Character? {
        switch entity {
        case "nbsp": return "\u{00A0}"
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "laquo": return "«"
        case "raquo": return "»"
        case "mdash": return "—"
        case "ndash": return "–"
        default:
            if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let v = UInt32(entity.dropFirst(2), radix: 16),
                let s = Unicode.Scalar(v)
            {
                return Character(s)
            }
            if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let s = Unicode.Scalar(v) {
                return Character(s)
            }
            return nil
        }
    }
}
