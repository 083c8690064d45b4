import Foundation
import GRDB
import IndigateCore

/// An organisation as reports need it.
package struct ReportOrganization: Sendable, Equatable {
    package var id: Int64
    package var organization: Organization
    /// It sent at least one reply that was handled.
    package var started: Bool
    /// It answers at least one indicator.
    package var participates: Bool
    /// Its first respondent (or, for others, first contact), if any.
    package var contact: StoredContact?
}

/// The reports' queries: each is one statement over the whole scope, never one per
/// organisation, so that a region of 2,300 organisations and two years of rounds stays fast.
extension StoreTransaction {
    package func reportOrganizations(municipality: String?) throws -> [ReportOrganization] {
        let organizations = try all(
            try statement(
                "SELECT o.* FROM organization o WHERE (?1 IS NULL OR o.municipality = ?1) ORDER BY o.municipality, o.shortName"),
            arguments: [municipality], Self.organization)
        // Started: one of its respondents sent a reply that was handled. A coordinator's request
        // for a report is not the organisation's work.
        let started = Set(
            try Int64.fetchAll(
                try statement(
                    """
                    SELECT DISTINCT c.organizationId FROM contact c
                    WHERE c.role = 'respondent'
                    AND EXISTS (SELECT 1 FROM inbound i WHERE i.contactId = c.id AND i.outcome = 'applied')
                    """)))
        let participating = Set(try Int64.fetchAll(try statement("SELECT DISTINCT organizationId FROM participant")))
        let contacts = try all(
            try statement(
                Self.contactSQL + """
                     WHERE (?1 IS NULL OR o.municipality = ?1) AND c.role <> 'coordinator'
                    ORDER BY c.role = 'respondent' DESC, c.id
                    """), arguments: [municipality], Self.contact)
        var first: [Int64: StoredContact] = [:]
        for contact in contacts where first[contact.organizationID] == nil { first[contact.organizationID] = contact }
        return organizations.map { stored in
            ReportOrganization(
                id: stored.id, organization: stored.organization, started: started.contains(stored.id),
                participates: participating.contains(stored.id), contact: first[stored.id])
        }
    }

    /// One value per organisation and indicator, by the report's selection. The whole history
    /// is never read: for `.new` and the accepted ones, each organisation × indicator pair (the
    /// catalogue's indicators, which every version names: indicators are never deleted) finds
    /// its one version with a seek into an index, so the cost follows the region's size, not
    /// the rounds behind it. Grouping every version instead took 0.26 s of the region's report
    /// over 24 rounds (772,800 versions) where the seeks take 0.05 s. A round's values are
    /// grouped within the round's own index range.
    package func selectedValues(_ selection: ValueSelection, municipality: String?, before: Date?) throws -> [ValueVersion] {
        switch selection {
        case .new:
            // The newest version of each indicator, when not yet reviewed.
            try all(
                try statement(
                    """
                    SELECT \(Self.valueColumns) FROM organization o JOIN indicator i
                    JOIN valueVersion v ON v.id = (
                        SELECT max(x.id) FROM valueVersion x INDEXED BY valueVersion_org_indicator
                        WHERE x.organizationId = o.id AND x.indicatorCode = i.code)
                    WHERE v.state IN ('saved', 'review') AND (?1 IS NULL OR o.municipality = ?1)
                    """), arguments: [municipality], Self.valueByPosition)
        case .round(let month):
            try all(
                try statement(
                    """
                    SELECT \(Self.valueColumns) FROM (
                        SELECT max(x.id) AS newest FROM valueVersion x INDEXED BY valueVersion_round
                        WHERE x.roundId = (SELECT id FROM round WHERE month = ?2) GROUP BY x.organizationId, x.indicatorCode
                    ) n JOIN valueVersion v ON v.id = n.newest JOIN organization o ON o.id = v.organizationId
                    WHERE (?1 IS NULL OR o.municipality = ?1)
                    """), arguments: [municipality, month], Self.valueByPosition)
        case .lastAccepted, .acceptedBefore:
            // The latest decision (before `before`); of two decided in the same second, the
            // newer version.
            try all(
                try statement(
                    """
                    SELECT \(Self.valueColumns) FROM organization o JOIN indicator i
                    JOIN valueVersion v ON v.id = (
                        SELECT x.id FROM valueVersion x INDEXED BY valueVersion_accepted
                        WHERE x.organizationId = o.id AND x.indicatorCode = i.code AND x.state = 'accepted'
                            AND (?2 IS NULL OR x.decidedAt < ?2)
                        ORDER BY x.decidedAt DESC, x.id DESC LIMIT 1)
                    WHERE (?1 IS NULL OR o.municipality = ?1)
                    """), arguments: [municipality, before], Self.valueByPosition)
        }
    }

    /// The newest version of each organisation's indicators in a round (in any round when nil),
    /// only those whose state is `state` and, with `lateOnly`, that came after the deadline.
    package func newestValues(
        roundID: Int64?, municipality: String?, state: ValueState? = nil, lateOnly: Bool = false
    ) throws -> [ValueVersion] {
        if roundID == nil, let state, !lateOnly {
            // The versions in `state` (a few: those awaiting a correction) that are still their
            // indicator's newest, each checked with one seek, rather than every indicator's
            // newest found by grouping all versions of every round (770,000 for two years of
            // the region: 0.1 s) to keep the few.
            return try all(
                try statement(
                    """
                    SELECT \(Self.valueColumns) FROM valueVersion v INDEXED BY valueVersion_unsent
                    JOIN organization o ON o.id = v.organizationId
                    WHERE v.state = ?2 AND (?1 IS NULL OR o.municipality = ?1)
                    AND v.id = (
                        SELECT max(x.id) FROM valueVersion x INDEXED BY valueVersion_org_indicator
                        WHERE x.organizationId = v.organizationId AND x.indicatorCode = v.indicatorCode)
                    """), arguments: [municipality, state.rawValue], Self.valueByPosition)
        }
        let inner =
            roundID == nil
            ? "SELECT max(id) AS newest FROM valueVersion INDEXED BY valueVersion_org_indicator GROUP BY organizationId, indicatorCode"
            : "SELECT max(id) AS newest FROM valueVersion INDEXED BY valueVersion_round WHERE roundId = ?2 GROUP BY organizationId, indicatorCode"
        return try all(
            try statement(
                """
                SELECT \(Self.valueColumns) FROM (\(inner)) x JOIN valueVersion v ON v.id = x.newest
                JOIN organization o ON o.id = v.organizationId
                WHERE (?1 IS NULL OR o.municipality = ?1)
                \(state.map { "AND v.state = '\($0.rawValue)'" } ?? "") \(lateOnly ? "AND v.late = 1" : "")
                """), arguments: roundID == nil ? [municipality] : [municipality, roundID], Self.valueByPosition)
    }

    /// Every (organisation, indicator) pair asked, within the scope.
    package func participantPairs(municipality: String?) throws -> [(organizationID: Int64, code: String)] {
        try all(
            try statement(
                """
                SELECT p.organizationId, p.indicatorCode FROM participant p JOIN organization o ON o.id = p.organizationId
                WHERE (?1 IS NULL OR o.municipality = ?1)
                """), arguments: [municipality]
        ) { ($0[0], $0[1]) }
    }
}
