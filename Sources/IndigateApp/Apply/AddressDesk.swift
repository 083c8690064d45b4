import Foundation
import IndigateCore
import IndigateStore

/// Address changes by mail, with double opt-in. `АДРЕС новый@адрес` from a school (its own) or a
/// coordinator (their own), `АДРЕС <ИНН> новый@адрес` from a coordinator (an organisation of
/// their scope) or a school (its own INN): the new address is asked to answer; whoever asked is
/// told. The answer from the new address makes it the contact's — the old address is retired
/// and every token mailed to it revoked — and both addresses are told. The audit keeps each step.
struct AddressDesk: Sendable {
    let letters: LetterWriter
    /// The gateway's own address: no contact may take an address of its domain.
    let gatewayAddress: String
    let calendar: RegionalCalendar

    /// Handles a request in a reply from `requester`; the answer to them carries `reply`'s token.
    func request(
        _ request: AddressRequest, from requester: StoredContact, reply: (purpose: TokenPurpose, subjectID: Int64?),
        answering: Answering, tx: StoreTransaction, now: Date
    ) throws {
        guard let own = try tx.organization(id: requester.organizationID) else { return }
        let outcome = try ask(request, from: requester, own: own, answering: answering, tx: tx, now: now)
        try letters.enqueue(
            AddressRequestedView(outcome: outcome),
            to: .notice(to: requester, of: own, token: reply.purpose, subject: reply.subjectID, answering: answering),
            in: tx, now: now)
    }

    func ask(
        _ request: AddressRequest, from requester: StoredContact, own: StoredOrganization, answering: Answering,
        tx: StoreTransaction, now: Date
    ) throws -> AddressRequestedView.Outcome {
        var organization = own
        var target = requester
        if let inn = request.inn, inn != own.organization.inn {
            guard let named = try tx.organization(inn: inn) else { return .noOrganization(inn: inn) }
            guard requester.contact.role == .coordinator else { return .notYours(inn: inn) }
            if case .municipality(let municipality) = ReportScope.of(own.organization),
                named.organization.municipality != municipality
            {
                return .notYours(inn: inn)
            }
            guard let respondent = try tx.contacts(organizationID: named.id).first(where: { $0.contact.role == .respondent })
            else { return .noContact(inn: inn) }
            organization = named
            target = respondent
        }
        guard let email = request.email else { return .notAnAddress(request.written) }
        let domain = gatewayAddress.split(separator: "@").last.map { String($0).lowercased() } ?? ""
        guard email.split(separator: "@").last.map(String.init) != domain else { return .gateway(email) }
        guard try tx.contact(matching: email) == nil else { return .taken(email) }
        let changeID = try tx.requestAddressChange(
            contactID: target.id, newEmail: email, by: requester.id, inboundID: answering.inboundID, at: now)
        let requesterName = QuotedText.clean(requester.contact.personName, limit: 100)
        try letters.enqueue(
            AddressConfirmView(
                requester: requesterName.isEmpty ? requester.contact.email : "\(requesterName) (\(requester.contact.email))",
                organization: organization.organization, oldEmail: target.contact.email, newEmail: email),
            to: .notice(to: target.at(email), of: organization, token: .confirm, subject: changeID, answering: nil),
            in: tx, now: now)
        try tx.audit(
            actor: requester.contact.email, action: "address-change-requested",
            detail: "contact \(target.id): \(target.contact.email) -> \(email) (change \(changeID))", at: now)
        return .sent(
            organization: organization.organization.shortName, oldEmail: target.contact.email,
            newEmail: email)
    }

    /// The new address answered the question: it becomes the contact's.
    func confirm(changeID: Int64, contact: StoredContact, inboundID: Int64, tx: StoreTransaction, now: Date) throws
        -> MessageOutcome
    {
        let oldEmail = contact.contact.email
        guard try tx.confirmAddressChange(id: changeID, at: now), let moved = try tx.contact(id: contact.id),
            let organization = try tx.organization(id: contact.organizationID)
        else {
            try tx.finishInbound(
                id: inboundID, outcome: .applied, detail: "address change \(changeID) already confirmed or taken",
                contactID: contact.id, at: now)
            return .applied(inboundID: inboundID)
        }
        let respondent = moved.contact.role == .respondent
        // A reply to the letter: values for a school (the current round), the digest for a
        // coordinator, else a no-op answer to the confirmed change.
        let token: (TokenPurpose, Int64?)
        if respondent, let round = try tx.currentRound(at: now) {
            token = (.receipt, round.id)
        } else if moved.contact.role == .coordinator {
            token = (.digest, nil)
        } else {
            token = (.confirm, changeID)
        }
        try letters.enqueue(
            AddressConfirmedView(organization: organization.organization, oldEmail: oldEmail, respondent: respondent),
            to: .notice(to: moved, of: organization, token: token.0, subject: token.1, answering: nil),
            in: tx, now: now)
        try letters.enqueue(
            AddressReplacedView(
                organization: organization.organization, newEmail: moved.contact.email, at: now, calendar: calendar),
            to: .notice(to: moved.at(oldEmail), of: organization, token: .confirm, subject: changeID, answering: nil),
            in: tx, now: now)
        try tx.audit(
            actor: moved.contact.email, action: "address-changed",
            detail: "contact \(moved.id): \(oldEmail) -> \(moved.contact.email) (change \(changeID)); old tokens revoked", at: now
        )
        try tx.finishInbound(
            id: inboundID, outcome: .applied, detail: "address change \(changeID) confirmed", contactID: moved.id, at: now)
        return .applied(inboundID: inboundID)
    }
}

extension StoredContact {
    /// The contact with `email` for its address: a letter to the address it is moving to, or
    /// the one it left.
    fileprivate func at(_ email: String) -> StoredContact {
        var moved = self
        moved.contact.email = email
        return moved
    }
}
