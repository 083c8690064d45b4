import Foundation
import Mustache

/// The region-editable letter templates in `mailtemplates/`: one Mustache file per event and
/// part (`request.txt.mustache`, `request.html.mustache`, `request.subject.mustache`, …), and in
/// `phrases/` the partials that word what many letters say (a problem with a line, an
/// indicator's status, a command's result).
package struct Templates: Sendable {
    /// Every template the code renders or includes; checked at start-up so a missing file is
    /// found at once.
    package static let required = [
        "request.subject", "request.txt", "request.html", "request-form.txt", "receipt.subject", "receipt.txt",
        "refused.subject", "refused.txt", "untokened.subject", "untokened.txt", "review.subject", "review.txt",
        "transcript.subject", "transcript.txt", "decision.subject", "decision.txt", "status.subject", "status.txt",
        "reminder.subject", "reminder.txt", "digest.subject", "digest.txt", "digest.html", "toolarge.subject", "toolarge.txt",
        "catalogue.subject", "catalogue.txt", "deadline.subject", "deadline.txt",
        "address-confirm.subject", "address-confirm.txt", "address-requested.subject", "address-requested.txt",
        "address-confirmed.subject", "address-confirmed.txt", "address-replaced.subject", "address-replaced.txt",
        "phrases/problem.txt", "phrases/attachment.txt", "phrases/status.txt", "phrases/command.txt",
        "phrases/reason.txt", "phrases/standing.txt", "phrases/how-to-answer.txt",
    ]

    let library: MustacheLibrary
    /// Which templates rendered, and which of them came out empty (for `indigate check`).
    package let usage = TemplateUsage()

    package init(directory: String) throws(ConfigError) {
        var library = MustacheLibrary()
        let files: [String]
        do {
            files = try FileManager.default.subpathsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }
        } catch {
            throw ConfigError(file: directory, message: "cannot list the templates folder")
        }
        for file in files.sorted() {
            let path = directory + "/" + file
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)
            else { throw ConfigError(file: path, message: "cannot read the template") }
            do {
                try library.register(text, named: String(file.dropLast(".mustache".count)))
            } catch {
                throw ConfigError(file: path, message: "not a valid Mustache template: " + Self.describe(error))
            }
        }
        let missing = Self.required.filter { library.getTemplate(named: $0) == nil }
        guard missing.isEmpty else {
            throw ConfigError(file: directory, message: "missing templates: " + missing.joined(separator: ", "))
        }
        self.library = library
    }

    /// A Mustache parse error as `line L, column C: what`.
    static func describe(_ error: any Error) -> String {
        guard let parse = error as? MustacheTemplate.ParserError else { return "\(error)" }
        let what: String =
            switch parse.error as? MustacheTemplate.Error {
            case .sectionCloseNameIncorrect: "a section closed with another name than it was opened with"
            case .unfinishedName: "a tag not closed with }}"
            case .expectedSectionEnd: "a section {{#…}} or {{^…}} never closed with {{/…}}"
            case .invalidSetDelimiter: "a bad delimiter tag"
            default: "\(parse.error)"
            }
        return "line \(parse.context.lineNumber), column \(parse.context.columnNumber): \(what)"
    }

    /// Renders `name` with `context`. Only names in `required` are rendered, and those were
    /// checked at start-up.
    func render(_ name: String, _ context: [String: Any]) -> String {
        let rendered = Self.tidy(library.render(context, withTemplate: name) ?? "")
        usage.record(name, empty: rendered.allSatisfy(\.isWhitespace))
        return rendered
    }

    /// Drops the blank lines that Mustache sections leave behind: no more than one empty line
    /// in a row, none at the start, one newline at the end. One pass over the bytes into one
    /// buffer (LF is one byte in UTF-8, and a letter is long): a blank line (spaces and tabs
    /// only) is written as an empty one, and only once a line with text follows it.
    static func tidy(_ text: String) -> String {
        var text = text
        let tidied = text.withUTF8 { bytes -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 1)
            var afterBlank = true  // the start counts as blank: no empty line first
            var blankKept = false
            var start = 0
            while start <= bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                let line = bytes[start..<end]
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    blankKept = blankKept || !afterBlank
                    afterBlank = true
                } else {
                    if blankKept { out.append(0x0A) }
                    out.append(contentsOf: line)
                    out.append(0x0A)
                    (afterBlank, blankKept) = (false, false)
                }
                start = end + 1
            }
            return out.isEmpty ? [0x0A] : out
        }
        return String(decoding: tidied, as: UTF8.self)
    }
}
