import Foundation
import IndigateCore
import IndigateStore
import Logging

/// Reminds respondents of the current round, from `reminders.hour` on: `days_before` their
/// organisation's deadline (the region's, or an extension) and on the deadline day, everyone
/// who still owes something (missing, waiting for a
/// document, or rejected); and `after_rejection_days` after a rejection left uncorrected. At most
/// one reminder a day per contact, none to an organisation that has sent everything.
package struct Reminders: Sendable {
    let store: Store
    let letters: LetterWriter
    let clock: RoundClock
    let settings: IndigateConfig.Reminders
    let logger: Logger

    var calendar: RegionalCalendar { clock.calendar }

    @discardableResult
    package func send(now: Date) throws -> Int {
        guard calendar.calendar.component(.hour, from: now) >= settings.hour else { return 0 }
        return try store.write { tx in
            guard let region = try tx.currentRound(at: now), let today = calendar.startOfDay(calendar.isoDay(now)) else {
                return 0
            }
            // Each organisation's own deadline: the region's, or its extension.
            let extended = try tx.extendedDeadlines(roundID: region.id)
            let catalogue = try tx.catalogue()
            let organizations = Dictionary(uniqueKeysWithValues: try tx.allOrganizations().map { ($0.id, $0) })
            // The round's current versions for everyone, in one query.
            let current = Dictionary(grouping: try tx.newestValues(roundID: region.id, municipality: nil)) { $0.organizationID }
            let locks = clock.locksAcceptedValues(region, at: now)
            var sent = 0
            for contact in try tx.contacts(role: .respondent) where !contact.failing {
                guard let organization = organizations[contact.organizationID] else { continue }
                let round = region.extended(to: extended[organization.id])
                guard let daysLeft = clock.daysLeft(round, at: now) else { continue }
                let scheduled = settings.daysBefore.contains(daysLeft) || (settings.onDeadline && daysLeft == 0)
                let assigned = catalogue.indicators(for: organization.organization, in: round)
                guard !assigned.isEmpty else { continue }
                let standing = RoundStanding(
                    round: round, assigned: assigned,
                    current: Dictionary(uniqueKeysWithValues: (current[organization.id] ?? []).map { ($0.indicatorCode, $0) }),
                    lastAccepted: [:], locksAccepted: locks)
                let rejectionDue = standing.awaitingCorrection.contains { indicator in
                    guard let decided = indicator.current?.decidedAt else { return false }
                    return clock.daysSince(decided, at: now) == settings.afterRejectionDays
                }
                guard (scheduled && standing.owesSomething) || rejectionDue,
                    try tx.lettersSent(toContact: contact.id, purpose: .reminder, since: today) == 0
                else { continue }
                let view = ReminderView(
                    standing: standing, organization: organization.organization, deadlineToday: daysLeft == 0,
                    deadlinePassed: daysLeft < 0, calendar: calendar)
                let letterID = try letters.enqueue(
                    view,
                    to: LetterEnvelope(
                        purpose: .reminder, tokenPurpose: .receipt, contact: contact, organization: organization,
                        roundID: round.id,
                        tokenSubjectID: round.id, answering: nil),
                    in: tx, now: now)
                if letterID != nil { sent += 1 }
            }
            if sent > 0 { logger.info("reminders", metadata: ["sent": "\(sent)", "round": "\(region.month)"]) }
            return sent
        }
    }
}
