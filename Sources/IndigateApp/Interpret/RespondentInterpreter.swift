import IndigateCore

/// The Interpret stage for a school's reply: pure — a parsed message and its context in, a
/// plan out. It reads the lines by the reply grammar, checks each against the organisation's
/// standing (assigned? locked?), decides what each attachment documents, and what state each
/// new version starts in (`ValueLife.startingState`).
enum RespondentInterpreter {
    static func plan(_ message: ParsedMessage, context: RespondentContext) -> RespondentPlan {
        plan(message, reading: ReplyReading(message, grammar: context.grammar), context: context)
    }

    /// The plan from a reading made earlier (beside the parse) with the same grammar.
    static func plan(_ message: ParsedMessage, reading: ReplyReading, context: RespondentContext) -> RespondentPlan {
        var plan = RespondentPlan()
        plan.asksStatus = reading.asksStatus
        plan.asksCatalogue = reading.asksCatalogue
        plan.address = reading.address
        // The body's lines, then the rows of each usable form: one list, so a code given twice
        // (in the body and the form, or in two forms) is a mistake wherever it was given.
        let forms = FormCheck.check(message.attachments, context: context)
        var lines = reading.lines
        var formRows = [Int?](repeating: nil, count: lines.count)
        for (_, form) in forms.usable {
            for (row, line) in context.grammar.read(form: form) {
                lines.append(line)
                formRows.append(row)
            }
        }
        let read = ReplyGrammar.markingDuplicates(lines)
        func planLine(_ index: Int, _ result: RespondentPlan.LineResult) -> RespondentPlan.Line {
            RespondentPlan.Line(text: read[index].text, result: result, formRow: formRows[index])
        }
        switch context.phase {
        case .closed(let successor):
            plan.successor = successor
            plan.lines = read.indices.map { planLine($0, lineResult(read[$0], context: context)) }
            plan.attachments = forms.results.map {
                RespondentPlan.Attachment(index: $0, fileName: message.attachments[$0].fileName, result: $1)
            }
            return plan
        case .open(let late):
            plan.late = late
        }
        var results = read.map { lineResult($0, context: context) }
        let valuesNeedingDocument = Set(
            results.compactMap { result -> String? in
                guard case .submit(let code, let value, _, _) = result,
                    context.catalogue.indicator(code: code)?.requiresDocument(for: value) == true
                else { return nil }
                return code
            })
        let submitted = Set(results.compactMap { if case .submit(let code, _, _, _) = $0 { code } else { nil } })
        plan.attachments = attachments(
            message, context: context, valuesNeedingDocument: valuesNeedingDocument, submitted: submitted)
        for (index, result) in forms.results { plan.attachments[index].result = result }
        // Each submission starts in the state its document (or its absence) gives it.
        for (index, result) in results.enumerated() {
            guard case .submit(let code, let value, _, _) = result, let indicator = context.catalogue.indicator(code: code) else {
                continue
            }
            let document = plan.attachments.first { $0.result == .documents(code: code) }?.index
            results[index] = .submit(
                code: code, value: value, state: ValueLife.startingState(of: value, for: indicator, hasDocument: document != nil),
                document: document)
        }
        plan.lines = results.indices.map { planLine($0, results[$0]) }
        return plan
    }

    /// A grammar line checked against the standing: assigned, and not locked.
    static func lineResult(_ line: ReplyLine, context: RespondentContext) -> RespondentPlan.LineResult {
        switch line {
        case .registration(let field, _, let value):
            return .registration(field, QuotedText.clean(value, limit: 200))
        case .invalid(let code, _, let problem):
            return .error(code: code, problem: problem)
        case .value(let code, _, let value):
            guard let standing = context.standing.standing(of: code) else { return .error(code: code, problem: .notAssigned) }
            if standing.locked {
                return .error(code: code, problem: .locked(nextDataAfter: context.standing.round.nextDataAfter))
            }
            return .submit(code: code, value: value, state: .review, document: nil)
        }
    }

    /// Why qpdf's reading of a PDF refuses it as a document: active content first (it must
    /// never reach operators), then encryption, then damage; a PDF nobody inspected is not taken.
    static func documentProblem(_ inspection: PDFInspection?) -> RespondentPlan.AttachmentProblem? {
        guard let inspection else { return .brokenPDF }
        if !inspection.active.isEmpty { return .activeContent(inspection.active) }
        if inspection.encrypted || inspection.problem == .encrypted { return .encrypted }
        if inspection.problem != nil { return .brokenPDF }
        return nil
    }

    /// Whether an attachment can be taken as a document by what it alone says: a whole PDF of
    /// at most `documentBytes` that qpdf read as clean. The rest (its name, the standing) is
    /// decided with the reply, by `attachments`.
    static func mayBeDocument(_ attachment: ParsedMessage.Attachment, documentBytes: Int) -> Bool {
        attachment.bytes.count <= documentBytes && attachment.looksLikePDF && documentProblem(attachment.pdf) == nil
    }

    /// What each attachment documents (`DocumentMatcher`), and the checks that refuse one.
    static func attachments(
        _ message: ParsedMessage, context: RespondentContext, valuesNeedingDocument: Set<String>, submitted: Set<String>
    ) -> [RespondentPlan.Attachment] {
        let assigned = Set(context.standing.indicators.map(\.code))
        let dispositions = DocumentMatcher.match(
            message.attachments.map { ($0.fileName, $0.looksLikePDF) }, assigned: assigned,
            known: Set(context.catalogue.indicators.map(\.code)), valuesNeedingDocument: valuesNeedingDocument)
        var taken: Set<String> = []
        return message.attachments.enumerated().map { index, attachment in
            let result: RespondentPlan.AttachmentResult
            switch dispositions[index] {
            case .document(let code):
                let standing = context.standing.standing(of: code)
                if attachment.bytes.count > context.documentBytes {
                    result = .refused(.tooLarge(megabytes: context.documentBytes / 1_048_576))
                } else if let problem = documentProblem(attachment.pdf) {
                    result = .refused(problem)
                } else if standing?.locked == true {
                    result = .refused(.locked(code))
                } else if taken.contains(code) {
                    result = .refused(.secondForCode(code))
                } else if submitted.contains(code) {
                    result = .documents(code: code)
                } else if let current = standing?.current, current.stage == .awaitingDocument {
                    result = .completes(version: current)
                } else {
                    result = .keptWithoutValue(code: code)
                }
                if case .refused = result {} else { taken.insert(code) }
            case .notAssigned(let code): result = .refused(.notAssigned(code))
            case .unmatched: result = .refused(.unmatched)
            case .outlookContainer: result = .refused(.outlookContainer)
            case .brokenPDF: result = .refused(.brokenPDF)
            case .notPDF: result = .refused(.notPDF)
            }
            return RespondentPlan.Attachment(index: index, fileName: attachment.fileName, result: result)
        }
    }
}
