import Foundation
import IndigateCore

/// The receipt a school gets for every reply: line by line what was read and what became of
/// it, each attachment, and the round's standing after the reply.
struct ReceiptView: Letter {
    static let template = "receipt"

    var plan: RespondentPlan
    var organization: Organization
    var catalogue: Catalogue
    /// The standing after the reply was applied (of the successor round when the reply's round
    /// is closed).
    var standing: RoundStanding
    /// The round the reply's letter named.
    var answeredRound: Round
    var receivedAt: Date
    var askRegistration: Bool
    var deadlinePassed: Bool
    var calendar: RegionalCalendar

    var context: [String: Any] {
        var context = StandingContext(calendar: calendar).context(
            standing, organization: organization, deadlinePassed: deadlinePassed)
        context.merge(AnswerHelp.context(standing.indicators.map(\.indicator))) { $1 }
        context["receivedAt"] = calendar.dateTime(receivedAt)
        let lines = plan.lines.map(line)
        context["lines"] = lines
        context["hasLines"] = !lines.isEmpty
        let attachments = plan.attachments.map(attachment)
        context["attachments"] = attachments
        context["hasAttachments"] = !attachments.isEmpty
        context["askRegistration"] = askRegistration
        context["late"] = plan.late
        if plan.successor != nil {
            context["roundClosed"] = [
                "month": calendar.monthTitle(answeredRound.month),
                "nextDataAfter": RoundDates.display(answeredRound.nextDataAfter),
            ]
        }
        return context
    }

    func line(_ line: RespondentPlan.Line) -> [String: Any] {
        var outcome: [String: Any]
        if plan.successor != nil {
            outcome = Flags.only("notRecorded", among: Flags.lineOutcomes)
        } else {
            switch line.result {
            case .submit(let code, let value, let state, _):
                outcome = Flags.only(state == .review ? "review" : "awaitingDocument", among: Flags.lineOutcomes)
                outcome["late"] = plan.late
                outcome["document"] = catalogue.indicator(code: code)?.document ?? ""
                outcome["percentage"] = false
                if case .percentage = value { outcome["percentage"] = value.russianText }
            case .error(_, let problem):
                outcome = Flags.only("error", among: Flags.lineOutcomes, with: ProblemContext.reply(problem))
                outcome["late"] = false
            case .registration:
                outcome = Flags.only("registration", among: Flags.lineOutcomes)
                outcome["late"] = false
            }
        }
        var form: Any = false
        if let row = line.formRow {
            switch line.result {
            case .submit(let code, _, _, _), .error(let code, _): form = ["row": row, "code": code]
            case .registration: break
            }
        }
        return ["text": QuotedText.quote(line.text), "outcome": outcome, "form": form]
    }

    func attachment(_ attachment: RespondentPlan.Attachment) -> [String: Any] {
        let all = Flags.attachmentResults
        let result: [String: Any] =
            switch attachment.result {
            case .documents(let code): Flags.only("documents", among: all, with: ["code": code])
            case .completes(let version):
                Flags.only("completes", among: all, with: ["code": version.indicatorCode, "value": version.value.russianText])
            case .keptWithoutValue(let code): Flags.only("keptWithoutValue", among: all, with: ["code": code])
            case .form(let rows): Flags.only("form", among: all, with: ["rows": rows, "none": rows == 0])
            case .refused(let problem): Flags.only("refused", among: all, with: ProblemContext.attachment(problem))
            }
        let name = attachment.fileName.isEmpty ? nil : QuotedText.quote(attachment.fileName, limit: 120)
        return ["name": name ?? "", "unnamed": name == nil, "result": result]
    }
}

/// Problems as flags for the phrase templates: `{"locked": {"date": "30.09.2020"}}`.
enum ProblemContext {
    static func reply(_ problem: ReplyProblem) -> [String: Any] {
        let all = Flags.replyProblems
        return switch problem {
        case .locked(let day): Flags.only("locked", among: all, with: ["nextDataAfter": RoundDates.display(day)])
        case .notAWholeNumber(let type): Flags.only("notAWholeNumber", among: all, with: ["percentage": type == .percentage])
        default: Flags.only(problem.key, among: all)
        }
    }

    static func attachment(_ problem: RespondentPlan.AttachmentProblem) -> [String: Any] {
        let all = Flags.attachmentProblems
        return switch problem {
        case .tooLarge(let megabytes): Flags.only("tooLarge", among: all, with: ["megabytes": megabytes])
        case .encrypted: Flags.only("encrypted", among: all)
        case .activeContent(let kinds):
            Flags.only(
                "activeContent", among: all,
                with: [
                    "kinds": kinds.enumerated().map { index, kind in
                        Flags.only(kind.rawValue, among: ActiveContent.allCases.map(\.rawValue)).merging([
                            "last": index == kinds.count - 1
                        ]) {
                            $1
                        }
                    }
                ])
        case .secondForCode(let code): Flags.only("secondForCode", among: all, with: ["code": code])
        case .locked(let code): Flags.only("locked", among: all, with: ["code": code])
        case .notAssigned(let code): Flags.only("notAssigned", among: all, with: ["code": code])
        case .unmatched: Flags.only("unmatched", among: all)
        case .outlookContainer: Flags.only("outlookContainer", among: all)
        case .brokenPDF: Flags.only("brokenPDF", among: all)
        case .notPDF: Flags.only("notPDF", among: all)
        case .formOfAnotherOrganization(let inn): Flags.only("formOfAnotherOrganization", among: all, with: ["inn": inn])
        case .formOfAnotherRound(let month): Flags.only("formOfAnotherRound", among: all, with: ["month": month])
        case .unreadableForm: Flags.only("unreadableForm", among: all)
        case .secondForm: Flags.only("secondForm", among: all)
        }
    }
}
