import Foundation
import IndigateCore
import IndigateStore

/// The Apply stage: hands a classified message to the flow its verdict names. Each flow plans
/// (Interpret), records and queues its letters inside the caller's transaction — a savepoint
/// per message — so a message's effects and its answer commit together or not at all.
struct Applier: Sendable {
    let respondent: RespondentFlow
    let operators: OperatorFlow
    let coordinator: CoordinatorFlow
    let addresses: AddressDesk
    let refusals: RefusalFlow

    func apply(
        _ verdict: Verdict, message: ParsedMessage, prepared: PreparedMessage, inboundID: Int64, batch: BatchContext,
        tx: StoreTransaction, now: Date
    ) throws -> MessageOutcome {
        switch verdict {
        case .ignore(let reason):
            return try refusals.ignore(reason, inboundID: inboundID, tx: tx, now: now)
        case .bounce(let report, let letterID, let contactID):
            return try refusals.bounce(report, letterID: letterID, contactID: contactID, inboundID: inboundID, tx: tx, now: now)
        case .quarantine(let reason, let tell):
            return try refusals.quarantine(
                reason, detail: nil, tell: tell, from: message.from.first, inboundID: inboundID, tx: tx, now: now)
        case .untokened(let contact):
            return try refusals.untokened(contact, message: message, inboundID: inboundID, tx: tx, now: now)
        case .respondent(let contact, let roundID):
            return try respondent.apply(
                message, prepared: prepared, inboundID: inboundID, contact: contact, roundID: roundID, batch: batch, tx: tx,
                now: now)
        case .operatorCommands(let contact, let letterID):
            return try operators.apply(
                message, inboundID: inboundID, contact: contact, reviewLetterID: letterID, batch: batch, tx: tx, now: now)
        case .coordinator(let contact):
            return try coordinator.apply(message, inboundID: inboundID, contact: contact, batch: batch, tx: tx, now: now)
        case .addressConfirmation(let contact, let changeID):
            return try addresses.confirm(changeID: changeID, contact: contact, inboundID: inboundID, tx: tx, now: now)
        }
    }
}
