/// indigate's request form (`.xlsx`) as it came back attached to a reply, read in the parse
/// worker: what the file says it is for, and each indicator row's input cells as text. Whether
/// the rows answer anything is decided by the reply grammar (`ReplyGrammar.read(form:)`), as
/// for lines typed in the body.
package struct ReplyForm: Sendable, Equatable, Codable {
    /// One indicator row: its number as the spreadsheet shows it, the code cell, and the value
    /// (or a percentage's part) and whole cells as a person reads them (empty when empty).
    package struct Row: Sendable, Equatable, Codable {
        package var row: Int
        package var code: String
        package var value: String
        package var whole: String

        package init(row: Int, code: String, value: String, whole: String) {
            self.row = row
            self.code = code
            self.value = value
            self.whole = whole
        }

        /// Nothing typed in either input cell: the row is not an answer.
        package var isEmpty: Bool { value.isEmpty && whole.isEmpty }
    }

    /// The distinct tokens, INNs and rounds (`YYYY-MM`) the file holds, wherever they survived.
    package var tokens: [String]
    package var inns: [String]
    package var rounds: [String]
    package var rows: [Row]
    /// Why the file could not be read as a workbook; nil when it could.
    package var unreadable: String?

    package init(tokens: [String] = [], inns: [String] = [], rounds: [String] = [], rows: [Row] = [], unreadable: String? = nil) {
        self.tokens = tokens
        self.inns = inns
        self.rounds = rounds
        self.rows = rows
        self.unreadable = unreadable
    }
}
