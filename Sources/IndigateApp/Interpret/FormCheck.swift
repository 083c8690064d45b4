import IndigateCore

/// Which of a reply's attachments are the request form filled in, and whether each may be read:
/// made for this organisation and this round, readable, the first of its kind. The From check
/// and the token of the reply decide who wrote; the form's own stamps only keep a form copied
/// from another school, or last month's, from being read as this one.
enum FormCheck {
    struct Outcome {
        /// The forms whose rows are read, by attachment index.
        var usable: [(index: Int, form: ReplyForm)] = []
        /// What becomes of every spreadsheet attachment, by index.
        var results: [(index: Int, result: RespondentPlan.AttachmentResult)] = []
    }

    static func check(_ attachments: [ParsedMessage.Attachment], context: RespondentContext) -> Outcome {
        var outcome = Outcome()
        for (index, attachment) in attachments.enumerated() {
            guard let form = attachment.form else { continue }
            let result: RespondentPlan.AttachmentResult
            // A workbook with no stamp at all is not a request form (or not one we can tie to anything).
            if form.unreadable != nil || (form.tokens.isEmpty && form.inns.isEmpty && form.rounds.isEmpty) {
                result = .refused(.unreadableForm)
            } else if let inn = form.inns.first(where: { $0 != context.organization.inn }) {
                result = .refused(.formOfAnotherOrganization(inn: QuotedText.clean(inn, limit: 20)))
            } else if let month = form.rounds.first(where: { $0 != context.standing.round.month }) {
                result = .refused(.formOfAnotherRound(month: QuotedText.clean(month, limit: 20)))
            } else if !outcome.usable.isEmpty {
                result = .refused(.secondForm)
            } else {
                outcome.usable.append((index, form))
                result = .form(rows: form.rows.filter { !$0.isEmpty }.count)
            }
            outcome.results.append((index, result))
        }
        return outcome
    }
}
