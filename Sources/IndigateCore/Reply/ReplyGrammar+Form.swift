extension ReplyGrammar {
    /// The most filled rows read from one form: a form has one row per indicator (17 in the
    /// catalogue), and a sheet of thousands must not make a receipt of thousands of lines.
    package static let formRows = 200

    /// A filled form's rows read as the body's lines are: each row with something in its input
    /// cells becomes a line for its code, its text what the cells show («45 / 300» for a
    /// percentage's part and whole), checked by the same rules. Empty rows are not answers.
    package func read(form: ReplyForm) -> [(row: Int, line: ReplyLine)] {
        form.rows.lazy.filter { !$0.isEmpty }.prefix(Self.formRows).map { row in
            let shown = row.whole.isEmpty ? row.value : "\(row.value) / \(row.whole)"
            let type = catalogue.indicator(code: row.code)?.type
            // The whole column counts for a percentage only; elsewhere the value cell is the answer.
            let valueText = type == .percentage ? (row.whole.isEmpty ? row.value : shown) : row.value
            return (row.row, interpret(code: row.code, value: valueText.trimmed, line: shown))
        }
    }
}
