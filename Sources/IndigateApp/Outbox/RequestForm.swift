import IndigateCore
import IndigateXLSX

/// The Excel form attached to a request letter: the organisation's own indicators with codes and
/// wording, data validation by answer type, the deadline, and the letter's reply token, so a form
/// sent back in a new message is still tied to the organisation. Every text a person reads in it
/// comes from `mailtemplates/request-form.txt` («key: text» lines); the layout is IndigateXLSX's.
struct RequestForm {
    static let template = "request-form.txt"
    static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    var view: RequestView

    /// The form for `view`'s organisation, carrying `token`.
    func attachment(token: String, templates: Templates) throws -> ParsedMessage.Attachment {
        var context = view.context
        context["round"] = view.round.month
        let texts = Self.texts(templates.render(Self.template, context))
        func text(_ key: String) -> String { texts[key] ?? "" }
        func messages(_ kind: String) -> ValidationMessages {
            ValidationMessages(
                inputTitle: text(kind + "InputTitle"), inputMessage: text(kind + "InputMessage"),
                errorTitle: text(kind + "ErrorTitle"), errorMessage: text(kind + "ErrorMessage"))
        }
        let wording = FormWording(
            organisationLabel: text("organisationLabel"), innLabel: text("innLabel"), roundLabel: text("roundLabel"),
            deadlineLabel: text("deadlineLabel"), tokenLabel: text("tokenLabel"), codeHeading: text("codeHeading"),
            questionHeading: text("questionHeading"), hintHeading: text("hintHeading"), valueHeading: text("valueHeading"),
            wholeHeading: text("wholeHeading"), numberHint: text("numberHint"), yesNoHint: text("yesNoHint"),
            percentageHint: text("percentageHint"), yes: text("yes"), no: text("no"), numberMessages: messages("number"),
            yesNoMessages: messages("yesNo"), partMessages: messages("part"), wholeMessages: messages("whole"))
        let spec = FormSpec(
            sheetName: text("sheet"), title: text("title"), inn: view.organization.inn,
            organisationName: view.organization.shortName, round: view.round.month,
            deadline: RoundDates.display(view.round.deadline), token: token, instructions: text("instructions"),
            wording: wording,
            indicators: view.indicators.map { indicator in
                let answer: FormAnswerType =
                    switch indicator.type {
                    case .numeric: .number
                    case .yesno: .yesNo
                    case .percentage:
                        .percentage(partLabel: indicator.parts.first ?? "", wholeLabel: indicator.parts.dropFirst().first ?? "")
                    }
                return FormIndicator(code: indicator.code, question: indicator.question, answer: answer)
            })
        return ParsedMessage.Attachment(
            fileName: text("file"), contentType: Self.contentType, bytes: try FormWriter().write(spec))
    }

    /// «key: text» lines; other lines (blank ones) are skipped.
    static func texts(_ rendered: String) -> [String: String] {
        var texts: [String: String] = [:]
        for line in rendered.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !key.contains(" ") else { continue }
            texts[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return texts
    }
}
