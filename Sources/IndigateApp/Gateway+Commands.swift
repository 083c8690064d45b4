import Foundation
import IndigateCore
import IndigateStore

/// A decision made by an operator's reply, for the school's notice.
struct Decision {
    var value: StoredValue
    var accepted: Bool
    var resolution: String?
}

extension Gateway {
    /// An operator's reply to a review letter: carries out each command line, answers with a
    /// transcript (every command echoed with its result, «Обработано (ошибок: N)»), and tells
    /// each school of the decisions about it in one letter.
    func applyOperatorReply(
        _ message: ParsedMessage, inboundID: Int64, sender: Sender, tx: StoreTransaction, now: Date
    ) throws {
        let operatorContact = sender.contact
        let listed = try tx.reviewItems(letterID: sender.token.subjectID)
        let listedSet = Set(listed)
        let lines = CommandGrammar.read(ReplyText.newText(of: message.text))
        var transcript: [[String: Any]] = []
        var errors = 0
        var decisions: [Int64: [Decision]] = [:]

        for line in lines {
            var results: [String] = []
            switch line.command {
            case .failure(let problem):
                errors += 1
                results.append("ошибка: " + problem.russianText)
            case .success(.accept(let selection)), .success(.reject(let selection, _)):
                var resolution: String?
                if case .success(.reject(_, let text)) = line.command { resolution = text }
                let ids: [Int64]
                switch selection {
                case .all: ids = listed
                case .ids(let given): ids = given
                }
                if ids.isEmpty { results.append("в письме нет заявок") }
                for id in ids {
                    let (text, ok, decision) = try decide(
                        id: id, accept: resolution == nil, resolution: resolution, listed: listedSet,
                        operatorID: operatorContact.id, inboundID: inboundID, tx: tx, now: now)
                    results.append(text)
                    if !ok { errors += 1 }
                    if let decision { decisions[decision.value.organizationID, default: []].append(decision) }
                }
            case .success(.release(let id)):
                do {
                    _ = try releaseQuarantine(id: id, by: operatorContact.contact.email, tx: tx, now: now)
                    results.append("сообщение № \(id) освобождено и обработано")
                } catch {
                    errors += 1
                    results.append("ошибка: сообщение № \(id) не освобождено (\(error))")
                }
            case .success(.drop(let id)):
                do {
                    try dropQuarantine(id: id, by: operatorContact.contact.email, tx: tx, now: now)
                    results.append("сообщение № \(id) отброшено")
                } catch {
                    errors += 1
                    results.append("ошибка: сообщение № \(id) не найдено в карантине")
                }
            }
            transcript.append(["text": line.text.replacingOccurrences(of: "\n", with: "\n> "), "results": results.map { ["line": $0] }])
        }

        let organization = try tx.organization(id: operatorContact.organizationID)!
        try enqueue(
            LetterEnvelope(
                purpose: .transcript, tokenPurpose: .review, contact: operatorContact, organization: organization,
                roundID: nil, tokenSubjectID: sender.token.subjectID, answering: (inboundID, message.messageID, message.references)),
            template: "transcript",
            context: [
                "errors": errors, "commands": transcript, "hasCommands": !transcript.isEmpty,
                "decided": decisions.values.map(\.count).reduce(0, +),
            ],
            html: false, in: tx, now: now)
        for (organizationID, list) in decisions.sorted(by: { $0.key < $1.key }) {
            try notifyDecisions(list, organizationID: organizationID, tx: tx, now: now)
        }
        try tx.finishInbound(
            id: inboundID, outcome: .applied, detail: "\(lines.count) commands, \(errors) errors", contactID: operatorContact.id,
            at: now)
    }

    /// One decision and its transcript line.
    func decide(
        id: Int64, accept: Bool, resolution: String?, listed: Set<Int64>, operatorID: Int64, inboundID: Int64,
        tx: StoreTransaction, now: Date
    ) throws -> (String, Bool, Decision?) {
        guard listed.contains(id) else {
            return (try tx.value(id: id) == nil ? "№ \(id): нет такой заявки" : "№ \(id): нет в этом письме", false, nil)
        }
        switch try tx.decide(valueID: id, accept: accept, resolution: resolution, operatorID: operatorID, inboundID: inboundID, at: now) {
        case .decided:
            let value = try tx.value(id: id)!
            return ("№ \(id): \(accept ? "принято" : "отклонено")", true, Decision(value: value, accepted: accept, resolution: resolution))
        case .alreadyDecided(let state, let by, let at):
            return ("№ \(id): уже \(state == .accepted ? "принято" : "отклонено") (\(by), \(calendar.dateTime(at)))", false, nil)
        case .notUnderReview(let state):
            return ("№ \(id): не на проверке (\(state.russianName))", false, nil)
        case .unknown:
            return ("№ \(id): нет такой заявки", false, nil)
        }
    }

    /// Tells an organisation's respondents, in one letter, what operators decided about its values.
    func notifyDecisions(_ decisions: [Decision], organizationID: Int64, tx: StoreTransaction, now: Date) throws {
        guard let organization = try tx.organization(id: organizationID), let roundID = decisions.first?.value.roundID,
            let round = try tx.round(id: roundID)
        else { return }
        let catalogue = try tx.catalogue()
        let accepted = decisions.filter(\.accepted).map { decision -> [String: Any] in
            let question = catalogue.indicator(code: decision.value.indicatorCode)?.question ?? ""
            return ["code": decision.value.indicatorCode, "question": question, "value": decision.value.value.russianText,
                    "at": calendar.dateTime(decision.value.decidedAt ?? now)]
        }
        let rejected = decisions.filter { !$0.accepted }.map { decision -> [String: Any] in
            let question = catalogue.indicator(code: decision.value.indicatorCode)?.question ?? ""
            return ["code": decision.value.indicatorCode, "question": question, "value": decision.value.value.russianText,
                    "resolution": decision.resolution ?? ""]
        }
        var context = try summaryContext(organization: organization, round: round, catalogue: catalogue, tx: tx)
        context["accepted"] = accepted
        context["hasAccepted"] = !accepted.isEmpty
        context["rejected"] = rejected
        context["hasRejected"] = !rejected.isEmpty
        for contact in try tx.contacts(role: .respondent) where contact.organizationID == organizationID {
            try enqueue(
                LetterEnvelope(
                    purpose: .notice, tokenPurpose: .receipt, contact: contact, organization: organization,
                    roundID: round.id, tokenSubjectID: round.id, answering: nil),
                template: "decision", context: context, html: false, in: tx, now: now)
        }
    }

    /// The round summary of an organisation, as every letter to a school ends with it.
    func summaryContext(organization: StoredOrganization, round: StoredRound, catalogue: Catalogue, tx: StoreTransaction)
        throws -> [String: Any]
    {
        let indicators = catalogue.indicators.filter {
            round.indicatorCodes.contains($0.code) && $0.participants.includes(organization.organization)
        }
        return RoundSummary(
            round: round, indicators: indicators,
            latest: try tx.latestValues(organizationID: organization.id, roundID: round.id), calendar: calendar
        ).context(for: organization.organization)
    }
}
