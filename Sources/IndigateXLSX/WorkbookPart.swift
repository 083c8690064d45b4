import Foundation

/// What `xl/workbook.xml` lists: the sheets in their order (worksheets and others) and the
/// defined names.
struct WorkbookPart {
    struct Sheet {
        var name: String
        /// The relationship that leads to the sheet's part.
        var relationshipID: String
    }

    private(set) var sheets: [Sheet] = []
    private(set) var definedNames: [DefinedName] = []

    init(_ data: Data, part: String, limits: XLSXReadLimits) throws {
        let handler = Handler(limits: limits)
        try BoundedXMLParser.parse(data, part: part, limits: limits, handler: handler)
        sheets = handler.sheets
        definedNames = handler.names
    }

    private final class Handler: XMLPartHandler {
        let limits: XLSXReadLimits
        var sheets: [Sheet] = []
        var names: [DefinedName] = []
        /// The defined name whose formula is being read.
        var open: DefinedName?

        init(limits: XLSXReadLimits) { self.limits = limits }

        func start(_ name: String, attributes: [String: String], depth: Int) throws {
            switch name {
            case "sheet":
                guard sheets.count < limits.sheets else { throw XLSXReadError.tooManyItems(what: "sheets", limit: limits.sheets) }
                guard let sheetName = attributes["name"], let id = attributes["id"] else { return }
                sheets.append(Sheet(name: sheetName, relationshipID: id))
            case "definedName":
                guard names.count < limits.definedNames else {
                    throw XLSXReadError.tooManyItems(what: "defined names", limit: limits.definedNames)
                }
                open = DefinedName(
                    name: attributes["name"] ?? "", localSheet: attributes["localSheetId"].flatMap { Int($0) }, formula: "")
            default: return
            }
        }

        func end(_ name: String, depth: Int) throws {
            guard name == "definedName", let done = open else { return }
            names.append(done)
            open = nil
        }

        func text(_ text: String) {
            open?.formula += text
        }
    }
}
