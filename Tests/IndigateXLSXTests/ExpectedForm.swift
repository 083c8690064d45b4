@testable import IndigateXLSX

/// What Fixtures/make-fixtures.py says FormReader should find in one fixture (its NAME.json), in a
/// shape that a ``FilledForm`` converts to, so that a failing comparison shows both sides whole.
struct ExpectedForm: Codable, Equatable, CustomStringConvertible {
    struct Stamp: Codable, Equatable {
        var place: String
        var token: String?
        var inn: String?
        var round: String?
    }

    struct Cell: Codable, Equatable {
        var kind: String
        var text: String
        var formula: String?
        var mergedFrom: String?
    }

    struct Row: Codable, Equatable {
        var row: Int
        var code: String
        var value: Cell?
        var whole: Cell?
    }

    var sheetName: String
    var foundNames: Bool
    var stamps: [Stamp]
    var rows: [Row]

    init(_ form: FilledForm) {
        sheetName = form.sheetName
        foundNames = form.foundNames
        stamps = form.stamps.map { Stamp(place: "\($0.place)", token: $0.token, inn: $0.inn, round: $0.round) }
        rows = form.rows.map { Row(row: $0.row, code: $0.code, value: Self.cell($0.value), whole: Self.cell($0.whole)) }
    }

    private static func cell(_ cell: FilledCell) -> Cell? {
        guard let value = cell.value else { return nil }
        return Cell(
            kind: "\(value.kind)", text: value.text, formula: value.formula, mergedFrom: cell.mergedFrom?.description)
    }

    var description: String {
        let rows = rows.map { row in
            "  \(row.row) \(row.code): \(Self.show(row.value)) | \(Self.show(row.whole))"
        }
        let stamps = stamps.map { "  \($0.place): \($0.token ?? "-") \($0.inn ?? "-") \($0.round ?? "-")" }
        return (["sheet \(sheetName), names \(foundNames)"] + stamps + rows).joined(separator: "\n")
    }

    private static func show(_ cell: Cell?) -> String {
        guard let cell else { return "–" }
        let text = cell.text.unicodeScalars.map {
            $0.isASCII ? String($0) : $0.value < 0x400 || $0.value > 0x4FF ? "<U+\(String($0.value, radix: 16))>" : String($0)
        }.joined()
        return "\(cell.kind) \"\(text)\"" + (cell.formula.map { " =\($0)" } ?? "") + (cell.mergedFrom.map { " from \($0)" } ?? "")
    }
}
