import Foundation
import GRDB
import IndigateCore

/// Deadlines by organisation: the round's own deadline is the region's, and an extension gives
/// one organisation a later one. Code that speaks to or about one organisation reads the round
/// through `round(_:for:)`, so lateness, reminders and letters follow that organisation's date.
extension StoreTransaction {
    /// `round` with the deadline of `organizationID` (`Round.extended(to:)`).
    package func round(_ round: Round, for organizationID: Int64) throws -> Round {
        round.extended(
            to: try String.fetchOne(
                try statement("SELECT deadline FROM deadlineExtension WHERE roundId = ? AND organizationId = ?"),
                arguments: [round.id, organizationID]))
    }

    /// Every organisation's extended deadline in a round, by organisation.
    package func extendedDeadlines(roundID: Int64) throws -> [Int64: String] {
        Dictionary(
            try Row.fetchAll(
                try statement("SELECT organizationId, deadline FROM deadlineExtension WHERE roundId = ?"), arguments: [roundID]
            ).map { ($0["organizationId"] as Int64, $0["deadline"] as String) }, uniquingKeysWith: { $1 })
    }

    /// Moves the region's deadline of a round; extensions no later than it are dropped.
    package func setRoundDeadline(roundID: Int64, deadline: String) throws {
        try statement("UPDATE round SET deadline = ? WHERE id = ?").execute(arguments: [deadline, roundID])
        try statement("DELETE FROM deadlineExtension WHERE roundId = ? AND deadline <= ?").execute(arguments: [roundID, deadline])
    }

    /// Gives one organisation a deadline of its own in a round.
    package func extendDeadline(roundID: Int64, organizationID: Int64, deadline: String, by operatorID: Int64, at now: Date)
        throws
    {
        try statement(
            """
            INSERT INTO deadlineExtension (roundId, organizationId, deadline, extendedBy, extendedAt) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (roundId, organizationId) DO UPDATE SET deadline = excluded.deadline,
                extendedBy = excluded.extendedBy, extendedAt = excluded.extendedAt
            """
        ).execute(arguments: [roundID, organizationID, deadline, operatorID, now])
    }

    /// Marks a version late or on time (after its organisation's deadline moved).
    package func setLate(versionID: Int64, late: Bool) throws {
        try statement("UPDATE valueVersion SET late = ? WHERE id = ?").execute(arguments: [late, versionID])
    }
}
