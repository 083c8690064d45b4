import Foundation
import IndigateCore
import IndigateStore

/// `ПРОДЛИТЬ ДО 30.09.2020 [ИНН … | муниципалитет]`: moves the current round's deadline for the
/// region, some organisations or a municipality. A deadline only moves later, never past the
/// round's next-data date nor into the past. Values already sent are judged late or on time by
/// the new date; each organisation whose date moved gets a letter with what it still owes;
/// the audit keeps who moved what.
struct DeadlineDesk: Sendable {
    let letters: LetterWriter
    let standings: StandingReader

    var clock: RoundClock { standings.clock }
    var calendar: RegionalCalendar { clock.calendar }

    func extend(
        to deadline: String, targets: [String], by contact: StoredContact, catalogue: Catalogue, tx: StoreTransaction, now: Date
    ) throws -> [TranscriptView.Result] {
        guard var round = try tx.currentRound(at: now) else { return [.deadlineRefused(.noRound)] }
        guard deadline >= calendar.isoDay(now) else { return [.deadlineRefused(.inThePast)] }
        guard deadline <= round.nextDataAfter else {
            return [.deadlineRefused(.afterNextData(RoundDates.display(round.nextDataAfter)))]
        }
        var results: [TranscriptView.Result] = []
        var chosen: [StoredOrganization] = []
        let scope: String
        if targets.isEmpty {
            guard deadline > round.deadline else { return [.deadlineRefused(.notLater(RoundDates.display(round.deadline)))] }
            try tx.setRoundDeadline(roundID: round.id, deadline: deadline)
            round.deadline = deadline
            chosen = try tx.allOrganizations()
            scope = "вся область"
        } else if targets.allSatisfy(Organization.isValidINN) {
            for inn in targets {
                if let organization = try tx.organization(inn: inn) {
                    if !chosen.contains(where: { $0.id == organization.id }) { chosen.append(organization) }
                } else {
                    results.append(.noOrganization(inn: inn))
                }
            }
            scope = "ИНН " + chosen.map(\.organization.inn).joined(separator: ", ")
        } else {
            let name = targets.joined(separator: " ")
            guard let municipality = try MunicipalityName.match(name, tx: tx) else {
                return [.noMunicipality(QuotedText.quote(name, limit: 100))]
            }
            chosen = try tx.allOrganizations().filter { $0.organization.municipality == municipality }
            scope = municipality
        }
        var moved = 0
        var unchanged = 0
        var sent = 0
        for organization in chosen {
            if !targets.isEmpty {
                guard deadline > (try tx.round(round, for: organization.id)).deadline else {
                    unchanged += 1
                    continue
                }
                try tx.extendDeadline(
                    roundID: round.id, organizationID: organization.id, deadline: deadline, by: contact.id, at: now)
            }
            let standing = try standings.standing(of: organization, in: round, catalogue: catalogue, tx: tx, now: now)
            guard !standing.indicators.isEmpty else { continue }
            moved += 1
            for version in try tx.versions(organizationID: organization.id, roundID: round.id) {
                let late = clock.isLate(standing.round, at: version.submittedAt)
                if late != version.late { try tx.setLate(versionID: version.id, late: late) }
            }
            for respondent in try tx.contacts(organizationID: organization.id)
            where respondent.contact.role == .respondent && !respondent.failing {
                let letter = try letters.enqueue(
                    DeadlineView(standing: standing, organization: organization.organization, calendar: calendar),
                    to: .notice(to: respondent, of: organization, token: .receipt, subject: round.id, answering: nil),
                    in: tx, now: now)
                if letter != nil { sent += 1 }
            }
        }
        guard moved > 0 || targets.isEmpty else {
            return results + [.deadlineRefused(.notLaterForAny(RoundDates.display(deadline)))]
        }
        try tx.audit(
            actor: contact.contact.email, action: "deadline-extend",
            detail: "\(round.month): until \(deadline) for \(scope) (\(moved) organisations, \(sent) letters)", at: now)
        return results + [
            .deadlineExtended(
                deadline: RoundDates.display(deadline), scope: QuotedText.clean(scope, limit: 300), organizations: moved,
                letters: sent, unchanged: unchanged)
        ]
    }
}
