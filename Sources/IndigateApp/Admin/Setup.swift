import Foundation
import IndigateCore
import IndigateStore

/// What `init` loaded.
package struct InitSummary: Sendable, Equatable, Codable {
    package var organizations: Int
    package var contacts: Int
    package var groups: Int
    package var indicators: Int
}

/// Loads the catalogue and the organisations into the store: `indigate init`.
package struct Setup: Sendable {
    let store: Store
    let config: IndigateConfig

    /// Loads the catalogue and the organisations into the store, in one transaction: either
    /// both files are imported or nothing changes. Running it again updates in place.
    package func run(now: Date) throws -> InitSummary {
        let catalogue = try CatalogueFile.load(path: config.catalogue)
        let contents = try OrganizationsCSV.load(path: config.organizations)
        return try store.write { tx in
            var ids: [String: Int64] = [:]
            for organization in contents.organizations {
                ids[organization.inn] = try tx.saveOrganization(organization)
            }
            for contact in contents.contacts {
                let id = try tx.saveContact(contact, organizationID: ids[contact.organizationINN]!)
                for alias in contents.aliases[contact.email] ?? [] { try tx.addAlias(alias, contactID: id) }
            }
            try tx.saveCatalogue(catalogue)
            try tx.audit(
                actor: "cli", action: "init",
                detail: "\(contents.organizations.count) organisations, \(catalogue.indicators.count) indicators",
                at: now)
            return InitSummary(
                organizations: contents.organizations.count, contacts: contents.contacts.count,
                groups: catalogue.groups.count, indicators: catalogue.indicators.count)
        }
    }
}
