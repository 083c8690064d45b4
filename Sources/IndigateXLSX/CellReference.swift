/// A cell's place, numbered as Excel shows it: row 1 and column 1 (`A`) at the top left, up to
/// Excel's last cell, `XFD1048576`.
package struct CellReference: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1…1,048,576.
    package var row: Int
    /// 1…16,384 (`A`…`XFD`).
    package var column: Int

    package static let maxRow = 1_048_576
    package static let maxColumn = 16_384

    package init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses an A1 reference such as `B12` or `$B$12` (letters in either case). `nil` unless it is
    /// one, within Excel's grid. Reads at most 12 characters: linear in nothing.
    package init?<S: StringProtocol>(_ text: S) {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        var index = text.utf8.startIndex
        var scanned = 0
        let utf8 = text.utf8
        func skipDollar() {
            if index < utf8.endIndex, utf8[index] == UInt8(ascii: "$") { index = utf8.index(after: index) }
        }
        skipDollar()
        while index < utf8.endIndex, scanned < 12 {
            let byte = utf8[index] & 0xDF  // ASCII upper case; digits and '$' fail the test below
            guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(byte - UInt8(ascii: "A") + 1)
            letters += 1
            scanned += 1
            index = utf8.index(after: index)
        }
        skipDollar()
        while index < utf8.endIndex, scanned < 12 {
            let byte = utf8[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            if digits == 0, byte == UInt8(ascii: "0") { return nil }
            row = row * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            scanned += 1
            index = utf8.index(after: index)
        }
        guard index == utf8.endIndex, (1...3).contains(letters), (1...7).contains(digits),
            column <= Self.maxColumn, row <= Self.maxRow
        else { return nil }
        self.init(row: row, column: column)
    }

    /// The column's letters: 1 → `A`, 27 → `AA`.
    package static func columnName(_ column: Int) -> String {
        var name: [UInt8] = []
        var rest = column
        while rest > 0 {
            let digit = (rest - 1) % 26
            name.insert(UInt8(ascii: "A") + UInt8(digit), at: 0)
            rest = (rest - 1) / 26
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// `B12`.
    package var description: String { Self.columnName(column) + String(row) }

    package static func < (left: Self, right: Self) -> Bool {
        (left.row, left.column) < (right.row, right.column)
    }
}
