import Foundation

/// Reads a worksheet part (`xl/worksheets/sheet1.xml`) into a ``Worksheet``: each `<c>` with a
/// value, typed as its `t` attribute says (shared string, inline string, formula string, boolean,
/// error, ISO date, number), and each `<mergeCell>`. Rows and cells without an `r` attribute take the
/// place after the previous one, as the format allows. A cell with a value, or a merged range,
/// beyond the limits' rows or columns refuses the whole sheet.
enum WorksheetPart {
    static func read(
        _ data: Data, part: String, name: String, sharedStrings: SharedStrings, limits: XLSXReadLimits
    ) throws -> Worksheet {
        let handler = Handler(part: part, sharedStrings: sharedStrings, limits: limits)
        try BoundedXMLParser.parse(data, part: part, limits: limits, handler: handler)
        return Worksheet(name: name, cells: handler.cells, mergedRanges: handler.merged)
    }

    /// The `<c>` being read.
    private struct OpenCell {
        var reference: String?
        var type: String?
        var value: String?
        var formula: String?
        var inline: String?
    }

    private enum Collecting { case nothing, value, formula, inlineText }

    private final class Handler: XMLPartHandler {
        let part: String
        let sharedStrings: SharedStrings
        let limits: XLSXReadLimits
        var cells: [CellReference: CellValue] = [:]
        var merged: [CellRange] = []
        var row = 0
        var column = 0
        var cell: OpenCell?
        var collecting = Collecting.nothing
        var inPhonetic = false

        init(part: String, sharedStrings: SharedStrings, limits: XLSXReadLimits) {
            self.part = XLSXReadError.quoted(part)
            self.sharedStrings = sharedStrings
            self.limits = limits
        }

        func start(_ name: String, attributes: [String: String], depth: Int) throws {
            switch name {
            case "row":
                row = attributes["r"].flatMap { Int($0) } ?? row + 1
                column = 0
            case "c":
                cell = OpenCell(reference: attributes["r"], type: attributes["t"])
            case "v" where cell != nil:
                collecting = .value
                if cell?.value == nil { cell?.value = "" }
            case "f" where cell != nil:
                collecting = .formula
                if cell?.formula == nil { cell?.formula = "" }
            case "is" where cell != nil:
                cell?.inline = ""
            case "t" where cell?.inline != nil && !inPhonetic:
                collecting = .inlineText
            case "rPh":
                inPhonetic = true
            case "mergeCell":
                try addMerge(attributes["ref"] ?? "")
            default:
                return
            }
        }

        func end(_ name: String, depth: Int) throws {
            switch name {
            case "c": try closeCell()
            case "v", "f", "t": collecting = .nothing
            case "rPh": inPhonetic = false
            default: return
            }
        }

        func text(_ text: String) {
            switch collecting {
            case .nothing: return
            case .value: cell?.value? += text
            case .formula: cell?.formula? += text
            case .inlineText: cell?.inline? += text
            }
        }

        private func closeCell() throws {
            guard let open = cell else { return }
            cell = nil
            let place: CellReference
            if let reference = open.reference {
                guard let parsed = CellReference(reference) else {
                    throw XLSXReadError.cellOutOfRange(XLSXReadError.quoted(reference))
                }
                place = parsed
            } else {
                place = CellReference(row: max(row, 1), column: column + 1)
            }
            column = place.column
            guard let value = try value(of: open) else { return }
            guard place.row <= limits.rows, place.column <= limits.columns else {
                throw XLSXReadError.cellOutOfRange(place.description)
            }
            guard cells.count < limits.cells || cells[place] != nil else {
                throw XLSXReadError.tooManyItems(what: "cells", limit: limits.cells)
            }
            cells[place] = value
        }

        /// The cell's value by its type, or `nil` when it holds none.
        private func value(of cell: OpenCell) throws -> CellValue? {
            let formula = cell.formula
            // An empty <v> holds nothing, except as a string result (openpyxl writes <f>…</f><v></v>).
            let empty = cell.value?.isEmpty == true && cell.type != "str" && cell.type != "inlineStr"
            guard let stored = cell.value, !empty else {
                if let inline = cell.inline { return CellValue(kind: .text, text: OOXMLEscapes.decode(inline), formula: formula) }
                if let formula { return CellValue(kind: .uncalculated, text: "", formula: formula) }
                return nil
            }
            switch cell.type {
            case "s":
                guard let index = Int(stored.trimmingCharacters(in: .whitespaces)), let text = sharedStrings[index] else {
                    throw XLSXReadError.invalidContent(part: part, detail: "shared string index out of the table")
                }
                return CellValue(kind: .text, text: text, formula: formula)
            case "inlineStr":
                return CellValue(kind: .text, text: OOXMLEscapes.decode(cell.inline ?? stored), formula: formula)
            case "str":
                return CellValue(kind: .text, text: OOXMLEscapes.decode(stored), formula: formula)
            case "b":
                let truth = ["1", "true"].contains(stored.trimmingCharacters(in: .whitespaces).lowercased())
                return CellValue(kind: .boolean, text: truth ? "TRUE" : "FALSE", formula: formula)
            case "e":
                return CellValue(kind: .error, text: stored, formula: formula)
            case "d":
                return CellValue(kind: .isoDate, text: stored, formula: formula)
            default:
                return CellValue(kind: .number, text: stored, formula: formula)
            }
        }

        private func addMerge(_ reference: String) throws {
            guard let range = CellRange(reference) else { throw XLSXReadError.cellOutOfRange(XLSXReadError.quoted(reference)) }
            guard range.last.row <= limits.rows, range.last.column <= limits.columns else {
                throw XLSXReadError.cellOutOfRange(range.description)
            }
            guard merged.count < limits.mergedRanges else {
                throw XLSXReadError.tooManyItems(what: "merged ranges", limit: limits.mergedRanges)
            }
            merged.append(range)
        }
    }
}
