import Foundation
import IndigateCore

/// The letters of an address change by mail (`АДРЕС`), one view per letter: the question to the
/// new address, the answer to whoever asked, and, once the new address has answered, the word
/// to it and a notice to the old one. Addresses come from the store (a new one was checked to be
/// one plain mailbox); names and what was written are quoted.

/// To the new address: confirm by answering, or ignore.
struct AddressConfirmView: Letter {
    static let template = "address-confirm"
    var requester: String
    var organization: Organization
    var oldEmail: String
    var newEmail: String

    var context: [String: Any] {
        [
            "requester": requester, "organization": organization.shortName, "inn": organization.inn, "oldEmail": oldEmail,
            "newEmail": newEmail,
        ]
    }
}

/// To whoever asked: the question went to the new address, or why nothing was done.
struct AddressRequestedView: Letter {
    static let template = "address-requested"

    enum Outcome: Equatable {
        case sent(organization: String, oldEmail: String, newEmail: String)
        /// What was written is not one plain address (quoted).
        case notAnAddress(String)
        /// The address already belongs to a contact.
        case taken(String)
        /// An address of the gateway itself.
        case gateway(String)
        case noOrganization(inn: String)
        /// A municipal coordinator named an organisation of another municipality.
        case notYours(inn: String)
        /// The organisation has no respondent whose address could change.
        case noContact(inn: String)
    }

    var outcome: Outcome

    var context: [String: Any] {
        let keys = ["sent", "notAnAddress", "taken", "gateway", "noOrganization", "notYours", "noContact"]
        switch outcome {
        case .sent(let organization, let oldEmail, let newEmail):
            return Flags.only(
                "sent", among: keys, with: ["organization": organization, "oldEmail": oldEmail, "newEmail": newEmail])
        case .notAnAddress(let written): return Flags.only("notAnAddress", among: keys, with: ["written": written])
        case .taken(let email): return Flags.only("taken", among: keys, with: ["email": email])
        case .gateway(let email): return Flags.only("gateway", among: keys, with: ["email": email])
        case .noOrganization(let inn): return Flags.only("noOrganization", among: keys, with: ["inn": inn])
        case .notYours(let inn): return Flags.only("notYours", among: keys, with: ["inn": inn])
        case .noContact(let inn): return Flags.only("noContact", among: keys, with: ["inn": inn])
        }
    }
}

/// To the new address, once it answered: letters come here now.
struct AddressConfirmedView: Letter {
    static let template = "address-confirmed"
    var organization: Organization
    var oldEmail: String
    var respondent: Bool

    var context: [String: Any] {
        ["organization": organization.shortName, "inn": organization.inn, "oldEmail": oldEmail, "respondent": respondent]
    }
}

/// To the old address: replaced, its letters' links no longer work, whom to call if unasked.
struct AddressReplacedView: Letter {
    static let template = "address-replaced"
    var organization: Organization
    var newEmail: String
    var at: Date
    var calendar: RegionalCalendar

    var context: [String: Any] {
        ["organization": organization.shortName, "inn": organization.inn, "newEmail": newEmail, "date": calendar.dateTime(at)]
    }
}
