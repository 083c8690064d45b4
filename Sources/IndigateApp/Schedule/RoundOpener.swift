import Foundation
import IndigateCore
import IndigateStore
import Logging

/// A round that cannot be opened, and why.
package struct RoundError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}

/// What `round open` did.
package struct RoundOpened: Sendable, Equatable, Codable {
    package var month: String
    /// `YYYY-MM-DD`.
    package var deadline: String
    package var indicators: [String]
    package var requestLetters: Int
}

/// Opens a month's round and queues a request letter to every respondent whose organisation
/// answers at least one of its indicators; previews the request letter.
package struct RoundOpener: Sendable {
    let store: Store
    let letters: LetterWriter
    let schedule: IndigateConfig.Schedule
    let logger: Logger

    var calendar: RegionalCalendar { letters.calendar }

    /// Opens the round of `month` (`YYYY-MM`) asking for the indicators of `groups` (all groups
    /// when empty). All in one transaction; a month is opened once.
    package func open(month: String, deadline: String, nextDataAfter: String?, groups: [String], now: Date) throws -> RoundOpened
    {
        guard RoundDates.isValid(month + "-01") else { throw RoundError(message: "month must be YYYY-MM, got '\(month)'") }
        guard RoundDates.isValid(deadline) else { throw RoundError(message: "deadline must be YYYY-MM-DD, got '\(deadline)'") }
        let nextData = nextDataAfter ?? RoundDates.nextData(deadline: deadline, day: schedule.nextDataDay)
        guard RoundDates.isValid(nextData), nextData >= deadline else {
            throw RoundError(message: "next-data-after must be a YYYY-MM-DD date not before the deadline")
        }
        let today = calendar.isoDay(now)
        guard deadline >= today else {
            throw RoundError(message: "the deadline \(deadline) has passed (today is \(today)): give a later one")
        }
        return try store.write { tx in
            let catalogue = try tx.catalogue()
            guard !catalogue.groups.isEmpty else { throw RoundError(message: "the catalogue is empty: run init first") }
            let unknown = groups.filter { code in !catalogue.groups.contains { $0.code == code } }
            guard unknown.isEmpty else { throw RoundError(message: "unknown groups: " + unknown.joined(separator: ", ")) }
            if try tx.round(month: month) != nil { throw RoundError(message: "the round \(month) is already open") }
            let round = try tx.openRound(
                month: month, deadline: deadline, nextDataAfter: nextData,
                indicatorCodes: catalogue.indicators(ofGroups: groups).map(\.code), at: now)
            var count = 0
            let organizations = Dictionary(uniqueKeysWithValues: try tx.allOrganizations().map { ($0.id, $0) })
            for contact in try tx.contacts(role: .respondent) {
                guard let organization = organizations[contact.organizationID] else { continue }
                let own = catalogue.indicators(for: organization.organization, in: round)
                guard !own.isEmpty else { continue }
                try queueRequest(
                    round: round, indicators: own, catalogue: catalogue, contact: contact, organization: organization, tx: tx,
                    now: now)
                count += 1
            }
            try tx.audit(actor: "cli", action: "round-open", detail: "\(month): \(count) request letters", at: now)
            logger.info("round opened", metadata: ["month": "\(month)", "letters": "\(count)"])
            return RoundOpened(month: month, deadline: deadline, indicators: round.indicatorCodes, requestLetters: count)
        }
    }

    func queueRequest(
        round: Round, indicators: [Indicator], catalogue: Catalogue, contact: StoredContact, organization: StoredOrganization,
        tx: StoreTransaction, now: Date
    ) throws {
        let view = RequestView(
            organization: organization.organization, contact: contact.contact, round: round, indicators: indicators,
            catalogue: catalogue, calendar: calendar)
        let templates = letters.templates
        try letters.enqueue(
            view,
            to: LetterEnvelope(
                purpose: .request, tokenPurpose: .request, contact: contact, organization: organization, roundID: round.id,
                tokenSubjectID: round.id, answering: nil),
            tokened: { token in [try RequestForm(view: view).attachment(token: token, templates: templates)] },
            in: tx, now: now)
    }

    /// The request letter `inn`'s first respondent would get for the newest round (or a
    /// sample round of this month when none is open), as RFC 5322 bytes. Nothing is stored.
    package func preview(inn: String, now: Date) throws -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            try store.write { tx in
                guard let organization = try tx.organization(inn: inn) else {
                    throw RoundError(message: "no organisation with INN \(inn)")
                }
                guard let contact = try tx.contacts(role: .respondent).first(where: { $0.organizationID == organization.id })
                else {
                    throw RoundError(message: "organisation \(inn) has no respondent contact")
                }
                let catalogue = try tx.catalogue()
                let month = String(calendar.isoDay(now).prefix(7))
                let round =
                    try tx.currentRound(at: now)
                    ?? tx.openRound(
                        month: month, deadline: RoundDates.day(month: month, day: schedule.deadlineDay),
                        nextDataAfter: RoundDates.day(month: month, day: schedule.nextDataDay),
                        indicatorCodes: catalogue.indicators.map(\.code), at: now)
                try queueRequest(
                    round: round, indicators: catalogue.indicators(for: organization.organization, in: round),
                    catalogue: catalogue,
                    contact: contact, organization: organization, tx: tx, now: now)
                bytes = try tx.letters().last?.raw ?? []
                throw PreviewRollback()
            }
        } catch is PreviewRollback {
            return bytes
        }
        return bytes
    }
}

/// Thrown to roll back the transaction a preview ran in.
struct PreviewRollback: Error {}
