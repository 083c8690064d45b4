import Foundation
import IndigateCore
import IndigateStore

/// The Apply stage for a coordinator's reply to a digest: the digest again, of the selection
/// asked. Coordinators change nothing: values they wrote are not recorded, and the digest says so.
struct CoordinatorFlow: Sendable {
    let digests: DigestMailer

    func apply(
        _ message: ParsedMessage, inboundID: Int64, contact: StoredContact, batch: BatchContext, tx: StoreTransaction, now: Date
    ) throws -> MessageOutcome {
        let plan = CoordinatorInterpreter.plan(message, grammar: batch.grammar)
        let answering = Answering(inboundID: inboundID, message: message)
        if plan.asksCatalogue, let organization = try tx.organization(id: contact.organizationID) {
            try digests.letters.enqueue(
                CatalogueView(catalogue: batch.catalogue, asked: [], organization: organization.organization),
                to: LetterEnvelope(
                    purpose: .notice, tokenPurpose: .digest, contact: contact, organization: organization, roundID: nil,
                    tokenSubjectID: nil, answering: answering),
                in: tx, now: now)
        }
        if plan.wantsDigest {
            try digests.enqueue(
                to: contact, selection: plan.selection, format: plan.format, refusedValues: plan.triedValues,
                answering: answering, tx: tx, now: now)
        }
        try tx.finishInbound(id: inboundID, outcome: .applied, detail: plan.wantsDigest ? "report requested" : "catalogue requested", contactID: contact.id, at: now)
        return .applied(inboundID: inboundID)
    }
}
