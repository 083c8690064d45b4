import IndigateCore
import Testing

/// A filled form's rows read by the reply grammar, as its typed lines are.
@Suite struct ReplyGrammarFormTests {
    let grammar = ReplyGrammar(catalogue: ReplyGrammarTests.catalogue)

    func row(_ number: Int, _ code: String, _ value: String, _ whole: String = "") -> ReplyForm.Row {
        ReplyForm.Row(row: number, code: code, value: value, whole: whole)
    }

    @Test func rowsReadAsLinesAndEmptyRowsAreNoAnswer() {
        let read = grammar.read(
            form: ReplyForm(rows: [
                row(7, "1.2", "1\u{00A0}234"), row(8, "1.3", "45", "300"), row(9, "2.1", ""), row(10, "2.1", "Да"),
                row(11, "9.9", "5"), row(12, "1.2", "", "7"),
            ]))
        #expect(read.map(\.row) == [7, 8, 10, 11, 12])
        #expect(read[0].line == .value(code: "1.2", text: "1\u{00A0}234", value: .number(1234)))
        #expect(read[1].line == .value(code: "1.3", text: "45 / 300", value: .percentage(part: 45, whole: 300)))
        #expect(read[2].line == .value(code: "2.1", text: "Да", value: .yesNo(true)))
        #expect(read[3].line == .invalid(code: "9.9", text: "5", problem: .unknownCode))
        // Only the whole column filled for a number: its value is missing.
        #expect(read[4].line == .invalid(code: "1.2", text: " / 7", problem: .missingValue))
    }

    @Test func aSheetOfThousandsOfRowsIsReadToTheLimit() {
        let rows = (1...5_000).map { row($0, "1.2", "\($0)") }
        #expect(grammar.read(form: ReplyForm(rows: rows)).count == ReplyGrammar.formRows)
    }
}
