import Foundation
import GRDB
import IndigateCore

/// A contact's new address waiting for its confirmation.
package struct AddressChange: Sendable, Equatable {
    package var id: Int64
    package var contactID: Int64
    package var newEmail: String
    package var requestedBy: Int64
    package var requestedAt: Date
    package var confirmedAt: Date?
}

/// Address changes by mail (`АДРЕС`): asked, then confirmed from the new address. Confirming
/// moves the contact to the new address and raises its token generation, so every token mailed
/// to the old address stops working.
extension StoreTransaction {
    package func requestAddressChange(contactID: Int64, newEmail: String, by requesterID: Int64, inboundID: Int64?, at now: Date)
        throws -> Int64
    {
        try statement(
            "INSERT INTO addressChange (contactId, newEmail, requestedBy, requestedAt, inboundId) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [contactID, newEmail.lowercased(), requesterID, now, inboundID])
        return db.lastInsertedRowID
    }

    package func addressChange(id: Int64) throws -> AddressChange? {
        try Row.fetchOne(try statement("SELECT * FROM addressChange WHERE id = ?"), arguments: [id]).map {
            AddressChange(
                id: $0["id"], contactID: $0["contactId"], newEmail: $0["newEmail"], requestedBy: $0["requestedBy"],
                requestedAt: $0["requestedAt"], confirmedAt: $0["confirmedAt"])
        }
    }

    /// Makes the change's address the contact's: the old one is kept on the change, the
    /// contact's failing state is cleared and its tokens revoked. False when the change was
    /// already confirmed or the address meanwhile belongs to another contact.
    package func confirmAddressChange(id: Int64, at now: Date) throws -> Bool {
        guard let change = try addressChange(id: id), change.confirmedAt == nil,
            let contact = try contact(id: change.contactID)
        else { return false }
        if let holder = try self.contact(matching: change.newEmail), holder.id != contact.id { return false }
        try statement("UPDATE addressChange SET confirmedAt = ?, oldEmail = ? WHERE id = ?").execute(
            arguments: [now, contact.contact.email, id])
        try statement(
            """
            UPDATE contact SET email = ?, tokenGeneration = tokenGeneration + 1, failing = 0, failingSince = NULL,
                failingDetail = NULL WHERE id = ?
            """
        ).execute(arguments: [change.newEmail, contact.id])
        try statement("DELETE FROM contactAlias WHERE contactId = ? AND email = ?").execute(arguments: [
            contact.id, change.newEmail,
        ])
        return true
    }
}
