import GRDB
import IndigateCore

extension StoreTransaction {
    /// Inserts or updates an organisation by INN; returns its row id.
    @discardableResult
    package func saveOrganization(_ organization: Organization) throws -> Int64 {
        try statement(
            """
            INSERT INTO organization (inn, kind, shortName, fullName, municipality, mouoInn)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(inn) DO UPDATE SET kind = excluded.kind, shortName = excluded.shortName,
                fullName = excluded.fullName, municipality = excluded.municipality, mouoInn = excluded.mouoInn
            """
        ).execute(
            arguments: [
                organization.inn, organization.kind.rawValue, organization.shortName, organization.fullName,
                organization.municipality, organization.mouoInn,
            ])
        return try Int64.fetchOne(try statement("SELECT id FROM organization WHERE inn = ?"), arguments: [organization.inn])!
    }

    /// Inserts or updates a contact by address. Person details already collected from the
    /// person's own replies are kept when the imported row leaves them empty.
    @discardableResult
    package func saveContact(_ contact: Contact, organizationID: Int64) throws -> Int64 {
        try statement(
            """
            INSERT INTO contact (organizationId, role, email, personName, position, phone)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(email) DO UPDATE SET organizationId = excluded.organizationId, role = excluded.role,
                personName = CASE WHEN excluded.personName = '' THEN personName ELSE excluded.personName END,
                position = CASE WHEN excluded.position = '' THEN position ELSE excluded.position END,
                phone = CASE WHEN excluded.phone = '' THEN phone ELSE excluded.phone END
            """
        ).execute(
            arguments: [
                organizationID, contact.role.rawValue, contact.email, contact.personName, contact.position,
                contact.phone,
            ])
        return try Int64.fetchOne(try statement("SELECT id FROM contact WHERE email = ?"), arguments: [contact.email])!
    }

    /// Updates one detail of the person behind a contact.
    package func updateContactDetail(contactID: Int64, field: RegistrationField, value: String) throws {
        let column =
            switch field {
            case .personName: "personName"
            case .position: "position"
            case .phone: "phone"
            }
        try statement("UPDATE contact SET \(column) = ? WHERE id = ?").execute(arguments: [value, contactID])
    }

    package func allOrganizations() throws -> [StoredOrganization] {
        try all(try statement("SELECT * FROM organization ORDER BY id"), Self.organization)
    }

    package func organization(id: Int64) throws -> StoredOrganization? {
        try first(try statement("SELECT * FROM organization WHERE id = ?"), arguments: [id], Self.organization)
    }

    package func organization(inn: String) throws -> StoredOrganization? {
        try first(try statement("SELECT * FROM organization WHERE inn = ?"), arguments: [inn], Self.organization)
    }

    package func contact(id: Int64) throws -> StoredContact? {
        try first(try statement(Self.contactSQL + " WHERE c.id = ?"), arguments: [id], Self.contact)
    }

    package func contact(email: String) throws -> StoredContact? {
        try first(try statement(Self.contactSQL + " WHERE c.email = ?"), arguments: [email], Self.contact)
    }

    /// An organisation's contacts, in the order they were registered.
    package func contacts(organizationID: Int64) throws -> [StoredContact] {
        try all(
            try statement(Self.contactSQL + " WHERE c.organizationId = ? ORDER BY c.id"), arguments: [organizationID],
            Self.contact)
    }

    package func contacts(role: ContactRole) throws -> [StoredContact] {
        try all(try statement(Self.contactSQL + " WHERE c.role = ? ORDER BY c.id"), arguments: [role.rawValue], Self.contact)
    }

    static let contactSQL = "SELECT c.*, o.inn FROM contact c JOIN organization o ON o.id = c.organizationId"

    static func organization(_ row: Row) -> StoredOrganization {
        StoredOrganization(
            id: row["id"],
            organization: Organization(
                inn: row["inn"], kind: OrganizationKind(rawValue: row["kind"]) ?? .other,
                shortName: row["shortName"], fullName: row["fullName"], municipality: row["municipality"],
                mouoInn: row["mouoInn"]))
    }

    static func contact(_ row: Row) -> StoredContact {
        StoredContact(
            id: row["id"], organizationID: row["organizationId"],
            contact: Contact(
                organizationINN: row["inn"], role: ContactRole(rawValue: row["role"]) ?? .coordinator,
                email: row["email"], personName: row["personName"], position: row["position"], phone: row["phone"]),
            failing: row["failing"])
    }
}
