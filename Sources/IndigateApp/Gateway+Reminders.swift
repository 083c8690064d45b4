import Foundation
import IndigateCore
import IndigateStore

extension Gateway {
    /// Reminds respondents of the current round, from `reminders.hour` on: `days_before` the
    /// deadline and on the deadline day, everyone with something missing, waiting for a document
    /// or rejected; and `after_rejection_days` after a rejection left uncorrected. At most one
    /// reminder a day per contact, none to an organisation that has sent everything.
    @discardableResult
    public func sendReminders(now: Date) throws -> Int {
        guard calendar.calendar.component(.hour, from: now) >= config.reminders.hour else { return 0 }
        return try store.write { tx in
            guard let round = try tx.currentRound(at: now),
                let today = calendar.startOfDay(calendar.isoDay(now)), let deadline = calendar.startOfDay(round.deadline)
            else { return 0 }
            let daysLeft = Int((deadline.timeIntervalSince(today) / 86_400).rounded())
            let scheduled = config.reminders.daysBefore.contains(daysLeft) || (config.reminders.onDeadline && daysLeft == 0)
            let catalogue = try tx.catalogue()
            let organizations = Dictionary(uniqueKeysWithValues: try tx.allOrganizations().map { ($0.id, $0) })
            // The round's newest values for everyone, in one query.
            let newest = Dictionary(grouping: try tx.newestValues(roundID: round.id, municipality: nil)) { $0.organizationID }
            var sent = 0
            for contact in try tx.contacts(role: .respondent) where !contact.failing {
                guard let organization = organizations[contact.organizationID] else { continue }
                let indicators = catalogue.indicators.filter {
                    round.indicatorCodes.contains($0.code) && $0.participants.includes(organization.organization)
                }
                guard !indicators.isEmpty else { continue }
                let latest = Dictionary(uniqueKeysWithValues: (newest[organization.id] ?? []).map { ($0.indicatorCode, $0) })
                let missing = indicators.filter { latest[$0.code] == nil }
                let waiting = indicators.filter { latest[$0.code]?.state == .saved }
                let rejected = indicators.filter { latest[$0.code]?.state == .rejected }
                let rejectionDue = rejected.contains { indicator in
                    guard let decided = latest[indicator.code]?.decidedAt,
                        let decidedDay = calendar.startOfDay(calendar.isoDay(decided))
                    else { return false }
                    return Int((today.timeIntervalSince(decidedDay) / 86_400).rounded()) == config.reminders.afterRejectionDays
                }
                let outstanding = !missing.isEmpty || !waiting.isEmpty || !rejected.isEmpty
                guard (scheduled && outstanding) || rejectionDue,
                    try tx.lettersSent(toContact: contact.id, purpose: .reminder, since: today) == 0
                else { continue }
                let summary = RoundSummary(round: round, indicators: indicators, latest: latest, calendar: calendar)
                var context = summary.context(for: organization.organization)
                context["deadlineToday"] = daysLeft == 0
                context["missing"] = missing.map { ["code": $0.code, "question": $0.question] }
                context["rejected"] = rejected.map { ["code": $0.code, "status": summary.status(of: $0)] }
                context["hasRejected"] = !rejected.isEmpty
                context["firstCode"] = (missing.first ?? rejected.first ?? waiting.first)?.code ?? ""
                if try enqueue(
                    LetterEnvelope(
                        purpose: .reminder, tokenPurpose: .receipt, contact: contact, organization: organization,
                        roundID: round.id, tokenSubjectID: round.id, answering: nil),
                    template: "reminder", context: context, html: false, in: tx, now: now) != nil
                {
                    sent += 1
                }
            }
            if sent > 0 { logger.info("reminders", metadata: ["sent": "\(sent)", "days-left": "\(daysLeft)"]) }
            return sent
        }
    }
}
