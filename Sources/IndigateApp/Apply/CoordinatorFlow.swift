import Foundation
import IndigateCore
import IndigateStore

/// The Apply stage for a coordinator's reply to a digest: the digest again, of the selection
/// asked. Coordinators change no values: values they wrote are not recorded, and the digest says
/// so; their own `ФИО:`/`Должность:`/`Телефон:` lines update their contact, and the digest says
/// that too; `АДРЕС` changes an address through the address desk.
struct CoordinatorFlow: Sendable {
    let digests: DigestMailer
    let addresses: AddressDesk

    func apply(
        _ message: ParsedMessage, inboundID: Int64, contact: StoredContact, batch: BatchContext, tx: StoreTransaction, now: Date
    ) throws -> MessageOutcome {
        let plan = CoordinatorInterpreter.plan(message, grammar: batch.grammar)
        let answering = Answering(inboundID: inboundID, message: message)
        if plan.asksCatalogue, let organization = try tx.organization(id: contact.organizationID) {
            try digests.letters.enqueue(
                CatalogueView(catalogue: batch.catalogue, asked: [], organization: organization.organization),
                to: .notice(to: contact, of: organization, token: .digest, subject: nil, answering: answering),
                in: tx, now: now)
        }
        for detail in plan.details {
            try tx.updateContactDetail(contactID: contact.id, field: detail.field, value: detail.value)
        }
        let updated = try tx.contact(id: contact.id) ?? contact
        if let request = plan.address {
            try addresses.request(request, from: updated, reply: (.digest, nil), answering: answering, tx: tx, now: now)
        }
        if plan.wantsDigest || !plan.details.isEmpty {
            let (scope, note) = try scope(asked: plan.municipality, by: contact, tx: tx)
            try digests.enqueue(
                to: updated, selection: plan.selection, format: plan.format, scope: scope, scopeNote: note,
                refusedValues: plan.triedValues, detailsUpdated: plan.details.map(\.field), answering: answering, tx: tx,
                now: now)
        }
        try tx.finishInbound(
            id: inboundID, outcome: .applied, detail: plan.wantsDigest ? "report requested" : "catalogue requested",
            contactID: contact.id, at: now)
        return .applied(inboundID: inboundID)
    }

    /// The scope a coordinator asked for by name: a municipality of the region for the regional
    /// coordinator (`MunicipalityName`); a municipal
    /// coordinator sees their own only. Nil: the coordinator's own scope. The note says why a
    /// name was not followed.
    func scope(asked name: String?, by contact: StoredContact, tx: StoreTransaction) throws -> (
        ReportScope?, DigestView.ScopeNote?
    ) {
        guard let name, let organization = try tx.organization(id: contact.organizationID) else { return (nil, nil) }
        guard ReportScope.of(organization.organization) == .region else { return (nil, .ownOnly(name)) }
        guard let municipality = try MunicipalityName.match(name, tx: tx) else { return (nil, .unknown(name)) }
        return (.municipality(municipality), nil)
    }
}
