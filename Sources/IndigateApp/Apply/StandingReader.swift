import Foundation
import IndigateCore
import IndigateStore

/// Reads an organisation's standing in a round from the store, by the domain's rules:
/// assignment from the catalogue, the lock from the round's clock.
struct StandingReader: Sendable {
    let clock: RoundClock

    /// The standing's round carries the organisation's own deadline (an extension, if any), so
    /// every letter built from it speaks of that date.
    func standing(
        of organization: StoredOrganization, in round: Round, catalogue: Catalogue, tx: StoreTransaction, now: Date
    ) throws -> RoundStanding {
        let round = try tx.round(round, for: organization.id)
        return RoundStanding(
            round: round, assigned: catalogue.indicators(for: organization.organization, in: round),
            current: try tx.currentVersions(organizationID: organization.id, roundID: round.id),
            lastAccepted: try tx.lastAccepted(organizationID: organization.id),
            locksAccepted: clock.locksAcceptedValues(round, at: now))
    }
}

/// What every message of a batch needs from the store, read once per batch.
struct BatchContext: Sendable {
    var catalogue: Catalogue
    var grammar: ReplyGrammar

    init(tx: StoreTransaction) throws {
        catalogue = try tx.catalogue()
        grammar = ReplyGrammar(catalogue: catalogue)
    }
}

/// A failure that stops one message's handling (its savepoint is rolled back and the message
/// is set aside), with what went wrong.
struct ApplyError: Error, CustomStringConvertible {
    var description: String
}
