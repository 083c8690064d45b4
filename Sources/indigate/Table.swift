import Foundation

/// A listing for a terminal: a header, columns aligned by their widest cell, times in the
/// region's zone to the minute, and a sentence instead of nothing when there are no rows.
/// Every cell is already cleaned of control characters by its caller.
struct Table {
    var header: [String]
    var rows: [[String]] = []
    let timeZone: TimeZone

    init(_ header: String..., timeZone: TimeZone) {
        self.header = header
        self.timeZone = timeZone
    }

    mutating func add(_ cells: String...) {
        rows.append(cells)
    }

    func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// The lines to print: `empty` alone when there are no rows. The last column is not padded.
    func lines(empty: String) -> [String] {
        guard !rows.isEmpty else { return [empty] }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { cells in
            cells.indices.map { column in
                column == cells.count - 1 ? cells[column] : cells[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
