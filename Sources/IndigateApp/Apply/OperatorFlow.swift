import Foundation
import IndigateCore
import IndigateStore

/// The Apply stage for an operator's reply: carries out each command of the plan — decisions
/// through `ValueLife` (a superseded version is answered, never decided), releases and drops
/// through the quarantine desk — answers with a transcript, and tells each school in one letter
/// what was decided about its values.
struct OperatorFlow: Sendable {
    let letters: LetterWriter
    let standings: StandingReader
    let quarantine: QuarantineDesk
    let digests: DigestMailer
    let deadlines: DeadlineDesk

    var calendar: RegionalCalendar { standings.clock.calendar }

    func apply(
        _ message: ParsedMessage, inboundID: Int64, contact: StoredContact, reviewLetterID: Int64, batch: BatchContext,
        tx: StoreTransaction, now: Date
    ) throws -> MessageOutcome {
        let plan = OperatorInterpreter.plan(message, listed: try tx.reviewItems(letterID: reviewLetterID))
        var commands: [TranscriptView.Command] = []
        var decided: [ValueVersion] = []
        for step in plan.steps {
            var results: [TranscriptView.Result] = []
            switch step.action {
            case .problem(let problem): results.append(.problem(problem))
            case .nothingListed: results.append(.nothingListed)
            case .decide(let ids, let accept, let resolution):
                for id in ids {
                    let decision = ValueLife.Decision(accept: accept, operatorID: contact.id, resolution: resolution)
                    let (result, version) = try decide(id, decision, listed: plan.listed, inboundID: inboundID, tx: tx, now: now)
                    results.append(result)
                    if let version { decided.append(version) }
                }
            case .release(let ids):
                for id in ids {
                    switch try quarantine.release(id: id, by: contact.contact.email, tx: tx, now: now) {
                    case .success(let entry): results.append(.released(id, from: entry.from))
                    case .failure(.noEntry): results.append(.noEntry(id))
                    case .failure(.alreadyClosed(let released)): results.append(.alreadyClosed(id, released: released))
                    case .failure(.archivedInPart): results.append(.archivedInPart(id))
                    }
                }
            case .status(let inn):
                results.append(try status(inn: inn, to: contact, reviewLetterID: reviewLetterID, batch: batch, tx: tx, now: now))
            case .report(let ask):
                results.append(try report(ask, to: contact, reviewLetterID: reviewLetterID, tx: tx, now: now))
            case .extend(let deadline, let targets):
                results += try deadlines.extend(
                    to: deadline, targets: targets, by: contact, catalogue: batch.catalogue, tx: tx, now: now)
            case .drop(let ids):
                for id in ids {
                    switch try quarantine.drop(id: id, by: contact.contact.email, tx: tx, now: now) {
                    case .success: results.append(.dropped(id))
                    case .failure(.noEntry): results.append(.noEntry(id))
                    case .failure(.alreadyClosed(let released)): results.append(.alreadyClosed(id, released: released))
                    case .failure(.archivedInPart): results.append(.archivedInPart(id))
                    }
                }
            }
            commands.append(TranscriptView.Command(text: step.text, results: results))
        }
        guard let organization = try tx.organization(id: contact.organizationID) else {
            throw ApplyError(description: "the operator's organisation is gone")
        }
        let transcript = TranscriptView(commands: commands, calendar: calendar)
        try letters.enqueue(
            transcript,
            to: LetterEnvelope(
                purpose: .transcript, tokenPurpose: .review, contact: contact, organization: organization, roundID: nil,
                tokenSubjectID: reviewLetterID, answering: Answering(inboundID: inboundID, message: message)),
            in: tx, now: now)
        try notify(decided, batch: batch, tx: tx, now: now)
        try tx.finishInbound(
            id: inboundID, outcome: .applied, detail: "\(plan.steps.count) commands, \(transcript.errors) errors",
            contactID: contact.id, at: now)
        return .applied(inboundID: inboundID)
    }

    /// `СТАТУС <ИНН>`: the organisation's standing in the current round (the portal's four tabs),
    /// as the school itself would get it, and the history of each value, mailed to the operator.
    func status(
        inn: String, to contact: StoredContact, reviewLetterID: Int64, batch: BatchContext, tx: StoreTransaction, now: Date
    ) throws -> TranscriptView.Result {
        guard let subject = try tx.organization(inn: inn), let round = try tx.currentRound(at: now),
            let own = try tx.organization(id: contact.organizationID)
        else { return .noOrganization(inn: inn) }
        let standing = try standings.standing(of: subject, in: round, catalogue: batch.catalogue, tx: tx, now: now)
        let history = try ValueHistory(
            organizationID: subject.id, roundID: round.id, order: standing.indicators.map(\.code), tx: tx)
        try letters.enqueue(
            StatusView(
                standing: standing, organization: subject.organization,
                deadlinePassed: standings.clock.isLate(standing.round, at: now),
                calendar: calendar, history: history),
            to: LetterEnvelope(
                purpose: .notice, tokenPurpose: .review, contact: contact, organization: own, roundID: round.id,
                tokenSubjectID: reviewLetterID, answering: nil),
            in: tx, now: now)
        return .statusSent(inn: inn, organization: QuotedText.quote(subject.organization.shortName, limit: 120))
    }

    /// `ОТЧЁТ [дата | НОВЫЕ] [CSV] [муниципалитет]`: the region's digest, or a municipality's, mailed
    /// to the operator as the regional coordinator gets it. A name that matches no municipality
    /// (or several) is an error, and nothing is sent.
    func report(_ ask: ReportAsk, to contact: StoredContact, reviewLetterID: Int64, tx: StoreTransaction, now: Date) throws
        -> TranscriptView.Result
    {
        var scope = ReportScope.region
        if let name = ask.municipality {
            guard let municipality = try MunicipalityName.match(name, tx: tx) else {
                return .noMunicipality(QuotedText.quote(name, limit: 100))
            }
            scope = .municipality(municipality)
        }
        try digests.enqueue(
            to: contact, selection: ask.selection, format: ask.format, scope: scope, refusedValues: false, answering: nil,
            token: (.review, reviewLetterID), tx: tx, now: now)
        return .reportSent(scope: scope.russianTitle)
    }

    /// One decision, by the model, and its transcript line.
    func decide(
        _ id: Int64, _ decision: ValueLife.Decision, listed: Set<Int64>, inboundID: Int64, tx: StoreTransaction, now: Date
    ) throws -> (TranscriptView.Result, ValueVersion?) {
        guard let version = try tx.version(id: id) else { return (.unknown(id), nil) }
        guard listed.contains(id) else { return (.notInLetter(id), nil) }
        switch ValueLife.decide(decision, on: version, at: now) {
        case .success(let next):
            guard try tx.saveTransition(from: version, to: next) else {
                throw ApplyError(description: "version \(id) changed while it was decided")
            }
            try tx.logDecision(next, inboundID: inboundID)
            return (decision.accept ? .accepted(id) : .rejected(id), next)
        case .failure(.superseded(let newer)): return (.superseded(id, by: newer), nil)
        case .failure(.awaitingDocument), .failure(.notAwaitingDocument): return (.awaitingDocument(id), nil)
        case .failure(.alreadyDecided(let state)):
            let by = try version.decidedBy.flatMap { try tx.contact(id: $0) }
            let name = by.map { $0.contact.personName.isEmpty ? $0.contact.email : $0.contact.personName } ?? "—"
            return (.alreadyDecided(id, state: state, by: name, at: version.decidedAt ?? now), nil)
        }
    }

    /// One letter per organisation and round with the decisions about it and its standing
    /// after them, to each of its respondents.
    func notify(_ decided: [ValueVersion], batch: BatchContext, tx: StoreTransaction, now: Date) throws {
        let groups = Dictionary(grouping: decided) { "\($0.organizationID)|\($0.roundID)" }
        for key in groups.keys.sorted() {
            guard let versions = groups[key], let first = versions.first,
                let organization = try tx.organization(id: first.organizationID), let round = try tx.round(id: first.roundID)
            else { continue }
            let standing = try standings.standing(of: organization, in: round, catalogue: batch.catalogue, tx: tx, now: now)
            let view = DecisionView(
                decided: versions, standing: standing, organization: organization.organization, catalogue: batch.catalogue,
                deadlinePassed: standings.clock.isLate(standing.round, at: now), calendar: calendar)
            for contact in try tx.contacts(organizationID: organization.id) where contact.contact.role == .respondent {
                try letters.enqueue(
                    view,
                    to: .notice(to: contact, of: organization, token: .receipt, subject: round.id, answering: nil),
                    in: tx, now: now)
            }
        }
    }
}
