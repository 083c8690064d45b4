import Foundation
import IndigateCore
import IndigateStore

/// One value version for `values --json`.
public struct ValueView: Sendable, Codable, Equatable {
    /// The version's id: the number operators accept or reject.
    public var id: Int64
    public var inn: String
    public var organization: String
    public var round: String
    public var indicator: String
    public var state: String
    public var value: String
    public var number: Int?
    public var yes: Bool?
    public var part: Int?
    public var whole: Int?
    public var percent: Double?
    public var document: String?
    public var submittedAt: String
    public var late: Bool
    public var decidedAt: String?
    public var resolution: String?
    /// Earlier versions of the same indicator in the same round, oldest first.
    public var history: [ValueView]?
}

extension Gateway {
    public func status() throws -> StoreStatus {
        try store.read { tx in try tx.status() }
    }

    /// The newest version per organisation, round and indicator, each with its history.
    public func values(inn: String?, month: String?) throws -> [ValueView] {
        try store.read { tx in
            var organizationID: Int64?
            if let inn {
                guard let organization = try tx.organization(inn: inn) else { throw RoundError(message: "no organisation with INN \(inn)") }
                organizationID = organization.id
            }
            var roundID: Int64?
            if let month {
                guard let round = try tx.round(month: month) else { throw RoundError(message: "no round \(month)") }
                roundID = round.id
            }
            let versions = try tx.values(organizationID: organizationID, roundID: roundID)
            var organizations: [Int64: StoredOrganization] = [:]
            var rounds: [Int64: StoredRound] = [:]
            func view(_ v: StoredValue) throws -> ValueView {
                if organizations[v.organizationID] == nil { organizations[v.organizationID] = try tx.organization(id: v.organizationID) }
                if rounds[v.roundID] == nil { rounds[v.roundID] = try tx.round(id: v.roundID) }
                var number: Int?, yes: Bool?, part: Int?, whole: Int?
                switch v.value {
                case .number(let n): number = n
                case .yesNo(let y): yes = y
                case .percentage(let p, let w): (part, whole) = (p, w)
                }
                return ValueView(
                    id: v.id, inn: organizations[v.organizationID]?.organization.inn ?? "",
                    organization: organizations[v.organizationID]?.organization.shortName ?? "",
                    round: rounds[v.roundID]?.month ?? "", indicator: v.indicatorCode, state: v.state.rawValue,
                    value: v.value.russianText, number: number, yes: yes, part: part, whole: whole,
                    percent: v.value.percent, document: try v.documentID.flatMap { try tx.documentInfo(id: $0)?.fileName },
                    submittedAt: ISO8601DateFormatter().string(from: v.submittedAt), late: v.late,
                    decidedAt: v.decidedAt.map { ISO8601DateFormatter().string(from: $0) }, resolution: v.resolution,
                    history: nil)
            }
            let grouped = Dictionary(grouping: versions) { "\($0.organizationID)|\($0.roundID)|\($0.indicatorCode)" }
            return try grouped.values.map { group in
                var newest = try view(group.last!)
                newest.history = try group.dropLast().map(view)
                return newest
            }.sorted { ($0.inn, $0.round, $0.indicator) < ($1.inn, $1.round, $1.indicator) }
        }
    }
}
