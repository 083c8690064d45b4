import IndigateCore
import IndigateXLSX

/// The Parse stage's reading of a spreadsheet attached to a reply: IndigateXLSX's `FormReader`
/// (ZIP, zlib and XML from untrusted bytes, within its limits) in the same isolated worker as
/// GMime and qpdf. Cells become the text a person reads in them; the reply grammar judges it.
enum FormReading {
    /// The longest cell text kept: more is no answer to any indicator.
    static let cellCharacters = 200

    static func read(_ bytes: [UInt8]) -> ReplyForm {
        let filled: FilledForm
        do {
            filled = try FormReader().read(bytes)
        } catch {
            return ReplyForm(unreadable: String(describing: error))
        }
        return ReplyForm(
            tokens: filled.tokens, inns: filled.inns, rounds: filled.rounds,
            rows: filled.rows.map { row in
                ReplyForm.Row(
                    row: row.row, code: String(row.code.prefix(20)), value: text(row.value.value), whole: text(row.whole.value))
            })
    }

    /// What a cell shows, as an answer would be typed: a whole number stored as `12` or `12.0`
    /// reads «12»; TRUE and FALSE read «Да» and «Нет»; a formula nobody calculated reads empty.
    static func text(_ value: CellValue?) -> String {
        guard let value else { return "" }
        let text: String
        switch value.kind {
        case .number:
            if let number = Double(value.text), number.rounded() == number, abs(number) < 1e12 {
                text = String(Int(number))
            } else {
                text = value.text
            }
        case .boolean: text = value.text == "1" || value.text.uppercased() == "TRUE" ? "Да" : "Нет"
        case .uncalculated: text = ""
        case .text, .error, .isoDate: text = value.text
        }
        return String(text.prefix(cellCharacters))
    }
}
