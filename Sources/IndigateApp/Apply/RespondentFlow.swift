import Foundation
import IndigateCore
import IndigateStore

/// The Apply stage for a school's reply: reads its context, has Interpret plan it, records
/// the plan (documents, new versions, supersessions, completions, contact details — every
/// state change through `ValueLife`), and queues the receipt and, when asked, the status letter.
struct RespondentFlow: Sendable {
    let letters: LetterWriter
    let standings: StandingReader
    let addresses: AddressDesk
    let documentBytes: Int

    var clock: RoundClock { standings.clock }
    var calendar: RegionalCalendar { standings.clock.calendar }

    /// What Interpret needs for a reply from `organization` to `round`: its standing before the
    /// reply, and where the round stands now.
    func context(
        of organization: StoredOrganization, in round: Round, batch: BatchContext, tx: StoreTransaction, now: Date
    ) throws -> RespondentContext {
        let before = try standings.standing(of: organization, in: round, catalogue: batch.catalogue, tx: tx, now: now)
        return RespondentContext(
            catalogue: batch.catalogue, grammar: batch.grammar, organization: organization.organization, standing: before,
            phase: clock.phase(of: before.round, newest: try tx.newestRound(), at: now), documentBytes: documentBytes)
    }

    func apply(
        _ message: ParsedMessage, prepared: PreparedMessage, inboundID: Int64, contact: StoredContact, roundID: Int64,
        batch: BatchContext, tx: StoreTransaction, now: Date
    ) throws -> MessageOutcome {
        guard let organization = try tx.organization(id: contact.organizationID), let named = try tx.round(id: roundID) else {
            throw ApplyError(description: "the token's round or organisation is gone")
        }
        let context = try context(of: organization, in: named, batch: batch, tx: tx, now: now)
        let before = context.standing
        // The round as this organisation has it (its own deadline, if extended), as the standing read it.
        let round = before.round
        let plan = RespondentInterpreter.plan(message, reading: prepared.reading, context: context)
        let answering = Answering(inboundID: inboundID, message: message)
        if let successor = plan.successor {
            // A reply to a closed round records nothing: the receipt points to the open round,
            // and its token names that round, so answering the receipt is enough.
            let standing = try standings.standing(of: organization, in: successor, catalogue: batch.catalogue, tx: tx, now: now)
            try queueReceipt(
                plan, answeredRound: round, standing: standing, organization: organization, contact: contact,
                catalogue: batch.catalogue, answering: answering, tx: tx, now: now)
            try tx.finishInbound(
                id: inboundID, outcome: .applied, detail: "round \(round.month) closed", contactID: contact.id, at: now)
            return .applied(inboundID: inboundID)
        }
        let documents = try storeDocuments(
            plan, message: message, digests: prepared.digests, inboundID: inboundID, organizationID: organization.id,
            roundID: round.id, tx: tx, now: now)
        var recorded = 0
        var registered = false
        for line in plan.lines {
            switch line.result {
            case .submit(let code, let value, let state, let document):
                try submit(
                    ValueVersion(
                        id: 0, organizationID: organization.id, indicatorCode: code, roundID: round.id, contactID: contact.id,
                        inboundID: inboundID, state: state, value: value, documentID: document.flatMap { documents[$0] },
                        submittedAt: now, late: plan.late),
                    replacing: before.standing(of: code)?.current, tx: tx)
                recorded += 1
            case .registration(let field, let value) where !value.isEmpty:
                try tx.updateContactDetail(contactID: contact.id, field: field, value: value)
                registered = true
            default: break
            }
        }
        for attachment in plan.attachments {
            guard case .completes(let version) = attachment.result, let documentID = documents[attachment.index] else { continue }
            guard case .success(let next) = ValueLife.attach(documentID: documentID, to: version),
                try tx.saveTransition(from: version, to: next)
            else { throw ApplyError(description: "version \(version.id) changed while its document was attached") }
        }
        let after = try standings.standing(of: organization, in: round, catalogue: batch.catalogue, tx: tx, now: now)
        // The letters below name the contact as the reply left it: read again only if it changed.
        let refreshed = registered ? try tx.contact(id: contact.id) ?? contact : contact
        if plan.asksStatus {
            try letters.enqueue(
                StatusView(
                    standing: after, organization: organization.organization, deadlinePassed: clock.isLate(round, at: now),
                    calendar: calendar),
                to: envelope(.notice, contact: refreshed, organization: organization, round: round, answering: answering), in: tx,
                now: now)
        }
        if plan.asksCatalogue {
            try letters.enqueue(
                CatalogueView(
                    catalogue: batch.catalogue, asked: Set(after.indicators.map(\.indicator.code)),
                    organization: organization.organization),
                to: envelope(.notice, contact: refreshed, organization: organization, round: round, answering: answering), in: tx,
                now: now)
        }
        if let request = plan.address {
            try addresses.request(
                request, from: refreshed, reply: (.receipt, round.id), answering: answering, tx: tx, now: now)
        }
        let asksOnly = plan.asksStatus || plan.asksCatalogue || plan.address != nil
        if !asksOnly || !plan.lines.isEmpty || !plan.attachments.isEmpty {
            try queueReceipt(
                plan, answeredRound: round, standing: after, organization: organization, contact: refreshed,
                catalogue: batch.catalogue, answering: answering, tx: tx, now: now)
        }
        try tx.finishInbound(
            id: inboundID, outcome: .applied, detail: "\(recorded) values, \(documents.count) documents", contactID: contact.id,
            at: now)
        return .applied(inboundID: inboundID)
    }

    /// Stores a new version and supersedes the one it replaces.
    func submit(_ version: ValueVersion, replacing current: ValueVersion?, tx: StoreTransaction) throws {
        let id = try tx.insertVersion(version)
        guard let current else { return }
        guard try tx.saveTransition(from: current, to: ValueLife.supersede(current, by: id)) else {
            throw ApplyError(description: "version \(current.id) changed while a newer one was stored")
        }
    }

    /// Stores every attachment the plan takes (`digests`: each attachment's SHA-256); returns
    /// their ids by attachment index.
    func storeDocuments(
        _ plan: RespondentPlan, message: ParsedMessage, digests: [String], inboundID: Int64, organizationID: Int64,
        roundID: Int64, tx: StoreTransaction, now: Date
    ) throws -> [Int: Int64] {
        var ids: [Int: Int64] = [:]
        for attachment in plan.attachments {
            let code: String
            switch attachment.result {
            case .documents(let c), .keptWithoutValue(let c): code = c
            case .completes(let version): code = version.indicatorCode
            case .form, .refused: continue  // a form's rows are values; the file is in the archive
            }
            ids[attachment.index] = try tx.addDocument(
                bytes: message.attachments[attachment.index].bytes, sha256: digests[attachment.index],
                fileName: QuotedText.clean(attachment.fileName, limit: 200), inboundID: inboundID,
                organizationID: organizationID, indicatorCode: code, roundID: roundID,
                pages: message.attachments[attachment.index].pdf?.pages, at: now)
        }
        return ids
    }

    /// The receipt; one that records nothing goes to a sender at most once a day for the same
    /// mistakes, so an auto-responder that slipped through cannot ping-pong with us.
    func queueReceipt(
        _ plan: RespondentPlan, answeredRound: Round, standing: RoundStanding, organization: StoredOrganization,
        contact: StoredContact, catalogue: Catalogue, answering: Answering, tx: StoreTransaction, now: Date
    ) throws {
        let reason = plan.recordsSomething ? nil : plan.errorKey
        if let reason, try tx.sentNotice(reason: reason, to: contact.contact.email, since: now.addingTimeInterval(-86_400)) {
            try tx.audit(actor: "indigate", action: "receipt-suppressed", detail: "\(reason) to contact \(contact.id)", at: now)
            return
        }
        let view = ReceiptView(
            plan: plan, organization: organization.organization, catalogue: catalogue,
            standing: standing, answeredRound: answeredRound, receivedAt: now,
            askRegistration: contact.contact.personName.isEmpty,
            deadlinePassed: clock.isLate(standing.round, at: now), calendar: calendar)
        try letters.enqueue(
            view,
            to: envelope(.receipt, contact: contact, organization: organization, round: standing.round, answering: answering),
            reason: reason, in: tx, now: now)
    }

    func envelope(
        _ purpose: LetterPurpose, contact: StoredContact, organization: StoredOrganization, round: Round, answering: Answering?
    ) -> LetterEnvelope {
        LetterEnvelope(
            purpose: purpose, tokenPurpose: .receipt, contact: contact, organization: organization, roundID: round.id,
            tokenSubjectID: round.id, answering: answering)
    }
}
