import Foundation

/// The relationships of one OPC part (`xl/_rels/workbook.xml.rels` for `xl/workbook.xml`): which
/// parts it points to, by id and by type, with targets resolved to entry names of the archive.
struct PartRelationships {
    struct Relationship {
        var id: String
        /// The type's last path segment: `worksheet`, `sharedStrings`, `officeDocument`,
        /// `custom-properties`; the same for transitional and strict OOXML.
        var kind: String
        /// The entry name the target resolves to; `nil` for external targets and targets that climb
        /// out of the package.
        var part: String?
    }

    private(set) var all: [Relationship] = []

    /// The relationships of `source` (`""` for the package itself), read from its `.rels` part if
    /// the archive has one.
    init(of source: String, in archive: XLSXArchive, limits: XLSXReadLimits) throws {
        let folder = source.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let file = source.split(separator: "/").last.map(String.init) ?? ""
        let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        guard let data = try archive.read(relsPart) else { return }
        let handler = Handler(folder: folder, limit: limits.sheets + limits.definedNames)
        try BoundedXMLParser.parse(data, part: relsPart, limits: limits, handler: handler)
        all = handler.relationships
    }

    func first(_ kind: String) -> Relationship? { all.first { $0.kind == kind } }

    func withID(_ id: String) -> Relationship? { all.first { $0.id == id } }

    /// `target` from a part in `folder`, as an entry name: absolute targets start at the root,
    /// relative ones at `folder`; `.` and `..` segments are resolved; `nil` if it climbs out.
    static func resolve(_ target: String, from folder: String) -> String? {
        let decoded = target.contains("%") ? (target.removingPercentEncoding ?? target) : target
        var segments = decoded.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for segment in decoded.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(String(segment))
            }
        }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }

    private final class Handler: XMLPartHandler {
        let folder: String
        let limit: Int
        var relationships: [Relationship] = []

        init(folder: String, limit: Int) {
            self.folder = folder
            self.limit = limit
        }

        func start(_ name: String, attributes: [String: String], depth: Int) throws {
            guard name == "Relationship", let id = attributes["Id"], let type = attributes["Type"],
                let target = attributes["Target"]
            else { return }
            guard relationships.count < limit else {
                throw XLSXReadError.tooManyItems(what: "relationships", limit: limit)
            }
            let external = attributes["TargetMode"] == "External"
            let kind = type.split(separator: "/").last.map(String.init) ?? ""
            relationships.append(
                Relationship(id: id, kind: kind, part: external ? nil : PartRelationships.resolve(target, from: folder)))
        }
    }
}
