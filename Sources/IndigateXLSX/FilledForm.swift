/// A form as it came back: who it claims to be for, and its indicator rows.
package struct FilledForm: Sendable, Equatable {
    /// The form's sheet.
    package var sheetName: String
    /// Each place that held a token, INN or round, in the order named cells, custom properties,
    /// layout cells. The places can disagree (a form copied from another organisation's).
    package var stamps: [FormStamp]
    /// The rows under the headings whose code cell holds something, top to bottom.
    package var rows: [FilledRow]
    /// Whether the defined names were found; without them columns and rows are those of
    /// ``FormLayout`` and only cells that look like codes (`1.3`) count as rows.
    package var foundNames: Bool

    package init(sheetName: String, stamps: [FormStamp], rows: [FilledRow], foundNames: Bool) {
        self.sheetName = sheetName
        self.stamps = stamps
        self.rows = rows
        self.foundNames = foundNames
    }

    /// The distinct tokens found, first place first.
    package var tokens: [String] { distinct(\.token) }
    /// The distinct INNs found.
    package var inns: [String] { distinct(\.inn) }
    /// The distinct rounds found.
    package var rounds: [String] { distinct(\.round) }

    private func distinct(_ field: KeyPath<FormStamp, String?>) -> [String] {
        var seen: [String] = []
        for stamp in stamps {
            if let value = stamp[keyPath: field], !seen.contains(value) { seen.append(value) }
        }
        return seen
    }
}
