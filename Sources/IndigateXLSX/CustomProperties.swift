import Foundation

/// The custom document properties (`docProps/custom.xml`; File ▸ Properties ▸ Custom): each
/// property's name and its value as text, whatever its variant type (`vt:lpwstr`, `vt:i4`…).
enum CustomProperties {
    static func read(_ data: Data, part: String, limits: XLSXReadLimits) throws -> [String: String] {
        let handler = Handler(limit: limits.definedNames)
        try BoundedXMLParser.parse(data, part: part, limits: limits, handler: handler)
        return handler.properties
    }

    private final class Handler: XMLPartHandler {
        let limit: Int
        var properties: [String: String] = [:]
        /// The property being read, its depth, and its value's text so far.
        var open: (name: String, depth: Int, value: String)?

        init(limit: Int) { self.limit = limit }

        func start(_ name: String, attributes: [String: String], depth: Int) throws {
            guard name == "property" else { return }
            guard properties.count < limit else { throw XLSXReadError.tooManyItems(what: "custom properties", limit: limit) }
            open = (attributes["name"] ?? "", depth, "")
        }

        func end(_ name: String, depth: Int) throws {
            guard let property = open, depth == property.depth else { return }
            if properties[property.name] == nil { properties[property.name] = property.value }
            open = nil
        }

        func text(_ text: String) {
            open?.value += text
        }
    }
}
