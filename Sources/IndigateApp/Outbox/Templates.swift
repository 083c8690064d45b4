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
    /// in a row, none at the start, one newline at the end.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        // By bytes: LF is one byte in UTF-8, and the rendered letter is long.
        for bytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let line = Substring(bytes)
            let isBlank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if isBlank && (lines.isEmpty || lines.last!.isEmpty) { continue }
            lines.append(isBlank ? "" : line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
