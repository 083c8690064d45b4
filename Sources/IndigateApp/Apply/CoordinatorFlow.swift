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
        try digests.enqueue(
            to: contact, selection: plan.selection, format: plan.format, refusedValues: plan.triedValues,
            answering: Answering(inboundID: inboundID, message: message), tx: tx, now: now)
        try tx.finishInbound(id: inboundID, outcome: .applied, detail: "report requested", contactID: contact.id, at: now)
        return .applied(inboundID: inboundID)
    }
}
