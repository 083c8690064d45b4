import Foundation

/// The shared-string table (`xl/sharedStrings.xml`): each `<si>` is one string, the text of its
/// `<t>` elements (one, or one per rich-text run), phonetic guides (`<rPh>`) left out.
struct SharedStrings {
    private(set) var strings: [String] = []

    init() {}

    init(_ data: Data, part: String, limits: XLSXReadLimits) throws {
        let handler = Handler(limit: limits.sharedStrings, part: part)
        try BoundedXMLParser.parse(data, part: part, limits: limits, handler: handler)
        strings = handler.strings
    }

    subscript(index: Int) -> String? { strings.indices.contains(index) ? strings[index] : nil }

    private final class Handler: XMLPartHandler {
        let limit: Int
        let part: String
        var strings: [String] = []
        /// The string being read: set between `<si>` and `</si>`.
        var current: String?
        var inText = false
        var inPhonetic = false

        init(limit: Int, part: String) {
            self.limit = limit
            self.part = XLSXReadError.quoted(part)
        }

        func start(_ name: String, attributes: [String: String], depth: Int) throws {
            switch name {
            case "si":
                guard current == nil else { throw XLSXReadError.invalidContent(part: part, detail: "nested <si>") }
                guard strings.count < limit else { throw XLSXReadError.tooManySharedStrings(limit: limit) }
                current = ""
            case "t": inText = current != nil && !inPhonetic
            case "rPh": inPhonetic = true
            default: return
            }
        }

        func end(_ name: String, depth: Int) throws {
            switch name {
            case "si":
                strings.append(OOXMLEscapes.decode(current ?? ""))
                current = nil
            case "t": inText = false
            case "rPh": inPhonetic = false
            default: return
            }
        }

        func text(_ text: String) {
            if inText { current? += text }
        }
    }
}
