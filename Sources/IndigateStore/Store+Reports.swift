import Foundation
import GRDB
import IndigateCore

/// An organisation as reports need it.
public struct ReportOrganization: Sendable, Equatable {
    public var id: Int64
    public var organization: Organization
    /// It sent at least one reply that was handled.
    public var started: Bool
    /// It answers at least one indicator.
    public var participates: Bool
    /// Its first respondent (or, for others, first contact), if any.
    public var contact: StoredContact?
}

/// The reports' queries: each is one statement over the whole scope, never one per
/// organisation, so that a region of 2,300 organisations and two years of rounds stays fast.
extension StoreTransaction {
    public func reportOrganizations(municipality: String?) throws -> [ReportOrganization] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT o.*,
                    EXISTS (SELECT 1 FROM inbound i JOIN contact c ON c.id = i.contactId
                            WHERE c.organizationId = o.id AND i.outcome = 'applied') AS started,
                    EXISTS (SELECT 1 FROM participant p WHERE p.organizationId = o.id) AS participates
                FROM organization o WHERE (?1 IS NULL OR o.municipality = ?1) ORDER BY o.municipality, o.shortName
                """, arguments: [municipality])
        let contacts = try Row.fetchAll(
            db,
            sql: Self.contactSQL + """
                 WHERE (?1 IS NULL OR o.municipality = ?1) AND c.role <> 'coordinator'
                ORDER BY c.role = 'respondent' DESC, c.id
                """, arguments: [municipality]
        ).map(Self.contact)
        var first: [Int64: StoredContact] = [:]
        for contact in contacts where first[contact.organizationID] == nil { first[contact.organizationID] = contact }
        return rows.map { row in
            let stored = Self.organization(row)
            return ReportOrganization(
                id: stored.id, organization: stored.organization, started: row["started"], participates: row["participates"],
                contact: first[stored.id])
        }
    }

    /// One value per organisation and indicator, by the report's selection.
    public func selectedValues(_ selection: ValueSelection, municipality: String?, before: Date?) throws -> [StoredValue] {
        let filter: String
        let order: String
        var arguments: StatementArguments = [municipality]
        switch selection {
        case .new:
            // The newest version of each indicator in each round, when not yet reviewed.
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (
                        SELECT v.*, row_number() OVER (
                            PARTITION BY v.organizationId, v.indicatorCode ORDER BY v.roundId DESC, v.id DESC) AS rank
                        FROM valueVersion v JOIN organization o ON o.id = v.organizationId
                        WHERE (?1 IS NULL OR o.municipality = ?1)
                    ) WHERE rank = 1 AND state IN ('saved', 'review')
                    """, arguments: [municipality]
            ).map(Self.value)
        case .lastAccepted:
            filter = "v.state = 'accepted'"
            order = "v.decidedAt DESC, v.id DESC"
        case .acceptedBefore:
            filter = "v.state = 'accepted' AND v.decidedAt < ?2"
            order = "v.decidedAt DESC, v.id DESC"
            arguments += [before]
        }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM (
                    SELECT v.*, row_number() OVER (PARTITION BY v.organizationId, v.indicatorCode ORDER BY \(order)) AS rank
                    FROM valueVersion v JOIN organization o ON o.id = v.organizationId
                    WHERE \(filter) AND (?1 IS NULL OR o.municipality = ?1)
                ) WHERE rank = 1
                """, arguments: arguments
        ).map(Self.value)
    }

    /// The newest version of each organisation's indicators in a round (in any round when nil).
    public func newestValues(roundID: Int64?, municipality: String?) throws -> [StoredValue] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM (
                    SELECT v.*, row_number() OVER (
                        PARTITION BY v.organizationId, v.indicatorCode ORDER BY v.roundId DESC, v.id DESC) AS rank
                    FROM valueVersion v JOIN organization o ON o.id = v.organizationId
                    WHERE (?2 IS NULL OR v.roundId = ?2) AND (?1 IS NULL OR o.municipality = ?1)
                ) WHERE rank = 1
                """, arguments: [municipality, roundID]
        ).map(Self.value)
    }

    /// Every (organisation, indicator) pair asked, within the scope.
    public func participantPairs(municipality: String?) throws -> [(organizationID: Int64, code: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT p.organizationId, p.indicatorCode FROM participant p JOIN organization o ON o.id = p.organizationId
                WHERE (?1 IS NULL OR o.municipality = ?1)
                """, arguments: [municipality]
        ).map { ($0["organizationId"], $0["indicatorCode"]) }
    }
}
