import Foundation
import IndigateCore
import IndigateStore

/// A round that cannot be opened, and why.
public struct RoundError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// What `round open` did.
public struct RoundOpened: Sendable, Equatable, Codable {
    public var month: String
    public var indicators: [String]
    public var requestLetters: Int
}

extension Gateway {
    /// Opens the round of `month` (`YYYY-MM`) asking for the indicators of `groups` (all groups
    /// when empty) and queues a request letter to every respondent whose organisation answers
    /// at least one of them. All in one transaction; a month is opened once.
    public func openRound(
        month: String, deadline: String, nextDataAfter: String?, groups: [String], now: Date
    ) throws -> RoundOpened {
        guard RoundDates.isValid(month + "-01") else { throw RoundError(message: "month must be YYYY-MM, got '\(month)'") }
        guard RoundDates.isValid(deadline) else { throw RoundError(message: "deadline must be YYYY-MM-DD, got '\(deadline)'") }
        let nextData = nextDataAfter ?? Self.defaultNextData(deadline: deadline, day: config.schedule.nextDataDay)
        guard RoundDates.isValid(nextData), nextData >= deadline else {
            throw RoundError(message: "next-data-after must be a YYYY-MM-DD date not before the deadline")
        }
        return try store.write { tx in
            let catalogue = try tx.catalogue()
            guard !catalogue.groups.isEmpty else { throw RoundError(message: "the catalogue is empty: run init first") }
            let unknown = groups.filter { code in !catalogue.groups.contains { $0.code == code } }
            guard unknown.isEmpty else { throw RoundError(message: "unknown groups: " + unknown.joined(separator: ", ")) }
            if try tx.round(month: month) != nil { throw RoundError(message: "the round \(month) is already open") }
            let requested = catalogue.groups.filter { groups.isEmpty || groups.contains($0.code) }.flatMap(\.indicators)
            let round = try tx.openRound(
                month: month, deadline: deadline, nextDataAfter: nextData,
                indicatorCodes: requested.map(\.code), at: now)
            var letters = 0
            let organizations = Dictionary(uniqueKeysWithValues: try tx.allOrganizations().map { ($0.id, $0) })
            for contact in try tx.contacts(role: .respondent) {
                guard let organization = organizations[contact.organizationID] else { continue }
                let own = requested.filter { $0.participants.includes(organization.organization) }
                guard !own.isEmpty else { continue }
                let context = RequestLetter.context(
                    organization: organization.organization, contact: contact.contact, round: round,
                    indicators: own, catalogue: catalogue, calendar: calendar)
                try enqueue(
                    LetterEnvelope(
                        purpose: .request, tokenPurpose: .request, contact: contact, organization: organization,
                        roundID: round.id, tokenSubjectID: round.id, answering: nil),
                    template: "request", context: context, html: true, in: tx, now: now)
                letters += 1
            }
            try tx.audit(actor: "cli", action: "round-open", detail: "\(month): \(letters) request letters", at: now)
            logger.info("round opened", metadata: ["month": "\(month)", "letters": "\(letters)"])
            return RoundOpened(month: month, indicators: round.indicatorCodes, requestLetters: letters)
        }
    }

    /// The next-data date by the schedule: `day` of the month after the deadline's, or of the
    /// same month when that day is still after the deadline.
    static func defaultNextData(deadline: String, day: Int) -> String {
        let parts = deadline.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return deadline }
        var (year, month) = (parts[0], parts[1])
        if day <= parts[2] {
            month += 1
            if month > 12 { (year, month) = (year + 1, 1) }
        }
        return RoundDates.day(year: year, month: month, day: day)
    }

    /// The request letter `inn`'s first respondent would get for the newest round (or a
    /// sample round of this month when none is open), as RFC 5322 bytes. Nothing is stored.
    public func previewRequest(inn: String, now: Date) throws -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            try store.write { tx in
                guard let organization = try tx.organization(inn: inn) else {
                    throw RoundError(message: "no organisation with INN \(inn)")
                }
                guard let contact = try tx.contacts(role: .respondent).first(where: { $0.organizationID == organization.id })
                else { throw RoundError(message: "organisation \(inn) has no respondent contact") }
                let catalogue = try tx.catalogue()
                let round =
                    try tx.currentRound(at: now)
                    ?? tx.openRound(
                        month: String(calendar.isoDay(now).prefix(7)),
                        deadline: RoundDates.day(month: String(calendar.isoDay(now).prefix(7)), day: config.schedule.deadlineDay),
                        nextDataAfter: RoundDates.day(month: String(calendar.isoDay(now).prefix(7)), day: config.schedule.nextDataDay),
                        indicatorCodes: catalogue.indicators.map(\.code), at: now)
                let own = catalogue.indicators.filter {
                    round.indicatorCodes.contains($0.code) && $0.participants.includes(organization.organization)
                }
                let context = RequestLetter.context(
                    organization: organization.organization, contact: contact.contact, round: round,
                    indicators: own, catalogue: catalogue, calendar: calendar)
                try enqueue(
                    LetterEnvelope(
                        purpose: .request, tokenPurpose: .request, contact: contact, organization: organization,
                        roundID: round.id, tokenSubjectID: round.id, answering: nil),
                    template: "request", context: context, html: true, in: tx, now: now)
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
