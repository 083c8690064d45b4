import Foundation
import IndigateCore
import IndigateStore
import Logging

/// What an administrator does from the shell, with an audit entry for every change: status and
/// values, the outbox (list, retry, drop), the quarantine (list, release, drop), tokens.
/// The CLI talks to this, never to the store.
package struct Admin: Sendable {
    let store: Store
    let intake: Intake
    let quarantine: QuarantineDesk
    let logger: Logger

    package func status() throws -> StoreStatus {
        try store.read { tx in try tx.status() }
    }

    /// The newest version per organisation, round and indicator, each with its history.
    package func values(inn: String?, month: String?) throws -> [ValueView] {
        try store.read { tx in
            let organizationID = try inn.map { inn in
                guard let organization = try tx.organization(inn: inn) else {
                    throw AdminError("no organisation with INN \(inn)")
                }
                return organization.id
            }
            let roundID = try month.map { month in
                guard let round = try tx.round(month: month) else { throw AdminError("no round \(month)") }
                return round.id
            }
            let versions = try tx.versions(organizationID: organizationID, roundID: roundID)
            var organizations: [Int64: StoredOrganization] = [:]
            var rounds: [Int64: Round] = [:]
            let iso = ISO8601DateFormatter()
            func view(_ v: ValueVersion) throws -> ValueView {
                if organizations[v.organizationID] == nil {
                    organizations[v.organizationID] = try tx.organization(id: v.organizationID)
                }
                if rounds[v.roundID] == nil { rounds[v.roundID] = try tx.round(id: v.roundID) }
                var number: Int?
                var yes: Bool?
                var part: Int?
                var whole: Int?
                switch v.value {
                case .number(let n): number = n
                case .yesNo(let y): yes = y
                case .percentage(let p, let w): (part, whole) = (p, w)
                }
                return ValueView(
                    id: v.id, inn: organizations[v.organizationID]?.organization.inn ?? "",
                    organization: organizations[v.organizationID]?.organization.shortName ?? "",
                    round: rounds[v.roundID]?.month ?? "", indicator: v.indicatorCode, state: v.state.rawValue,
                    value: v.value.russianText, number: number, yes: yes, part: part, whole: whole, percent: v.value.percent,
                    document: try v.documentID.flatMap { try tx.documentInfo(id: $0)?.fileName },
                    submittedAt: iso.string(from: v.submittedAt), late: v.late,
                    decidedAt: v.decidedAt.map { iso.string(from: $0) },
                    resolution: v.resolution, supersededBy: v.supersededBy, history: nil)
            }
            let grouped = Dictionary(grouping: versions) { "\($0.organizationID)|\($0.roundID)|\($0.indicatorCode)" }
            return try grouped.values.compactMap { group in
                guard let newest = group.last else { return nil }
                var result = try view(newest)
                result.history = try group.dropLast().map(view)
                return result
            }.sorted { ($0.inn, $0.round, $0.indicator) < ($1.inn, $1.round, $1.indicator) }
        }
    }

    /// Outbox rows by state (all but sent when nil).
    package func outbox(state: OutboxState?) throws -> [(row: OutboxRow, lastError: String?, subject: String)] {
        try store.read { try $0.outboxRows(state: state, includingSent: false) }
    }

    /// Puts a failed or deferred letter (every failed one when `id` is nil) back in the queue, due now.
    package func retryOutbox(id: Int64?, by actor: String, now: Date) throws -> Int {
        try store.write { tx in
            let count = try tx.retryOutbox(id: id, at: now)
            try tx.audit(
                actor: actor, action: "outbox-retry", detail: "\(id.map { "row \($0)" } ?? "all failed"): \(count) queued",
                at: now)
            return count
        }
    }

    /// Gives up on a letter for good (it stays recorded, marked failed).
    package func dropOutbox(id: Int64, by actor: String, now: Date) throws {
        try store.write { tx in
            guard try tx.dropOutbox(id: id) else { throw AdminError("no unsent outbox row \(id)") }
            try tx.audit(actor: actor, action: "outbox-drop", detail: "row \(id)", at: now)
        }
    }

    package func quarantineEntries(all: Bool) throws -> [QuarantineEntry] {
        try store.read { tx in try tx.quarantineEntries(includeClosed: all) }
    }

    /// Releases entry `id`: its message goes back to intake, vouched for by `actor`, and is
    /// handled now, in a transaction of its own. Returns what came of it.
    package func releaseQuarantine(id: Int64, by actor: String, now: Date) throws -> MessageOutcome {
        let entry = try store.write { tx in try quarantine.release(id: id, by: actor, tx: tx, now: now) }
        switch entry {
        case .failure(let refusal): throw AdminError(refusal, id: id)
        case .success(let entry):
            let outcomes = try intake.resumePending(now: now)
            return outcomes.first { $0.inboundID == entry.inboundID }
                ?? .deferred(inboundID: entry.inboundID, reason: "not handled yet")
        }
    }

    /// Closes entry `id` without handling its message (its raw bytes stay archived).
    package func dropQuarantine(id: Int64, by actor: String, now: Date) throws {
        if case .failure(let refusal) = try store.write({ tx in try quarantine.drop(id: id, by: actor, tx: tx, now: now) }) {
            throw AdminError(refusal, id: id)
        }
    }

    /// Voids every reply token issued to a contact (by address) or to every contact of an
    /// organisation (by INN). Letters sent later carry new tokens.
    package func revokeTokens(contact email: String?, organization inn: String?, now: Date) throws -> Int {
        try store.write { tx in
            var count = 0
            if let email {
                guard let contact = try tx.contact(email: email.lowercased()) else { throw AdminError("no contact \(email)") }
                try tx.revokeTokens(contactID: contact.id)
                count += 1
            }
            if let inn {
                guard let organization = try tx.organization(inn: inn) else { throw AdminError("no organisation \(inn)") }
                count += try tx.revokeTokens(organizationID: organization.id)
            }
            try tx.audit(actor: "cli", action: "token-revoke", detail: "\(email ?? "") \(inn ?? ""): \(count) contacts", at: now)
            return count
        }
    }
}

/// An administrative request that cannot be carried out, and why.
package struct AdminError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var description: String { message }

    init(_ message: String) {
        self.message = message
    }

    init(_ refusal: QuarantineDesk.Refusal, id: Int64) {
        switch refusal {
        case .noEntry: message = "no quarantine entry \(id)"
        case .alreadyClosed(let released): message = "quarantine entry \(id) was already \(released ? "released" : "dropped")"
        case .archivedInPart(let size):
            message =
                "quarantine entry \(id) is a message of \(size) bytes archived in part: raise limits.message_bytes and "
                + "deliver the original (still in the mailbox) again"
        }
    }
}
