import Foundation
import IndigateCore
import IndigateStore

extension Reports {
    /// Completeness of a round (the month's, `YYYY-MM`; the newest when nil), per municipality and
    /// per indicator group.
    package func completenessReport(scope: ReportScope, month: String? = nil) throws -> CompletenessReport? {
        try store.read { tx in try completenessReport(scope: scope, month: month, tx: tx) }
    }

    func completenessReport(scope: ReportScope, month: String? = nil, tx: StoreTransaction) throws -> CompletenessReport? {
        guard let round = try round(month: month, tx: tx) else { return nil }
        let catalogue = try tx.catalogue(withParticipants: false)
        let groupOf = Dictionary(uniqueKeysWithValues: catalogue.indicators.map { ($0.code, $0.groupCode) })
        let groupTitles = Dictionary(uniqueKeysWithValues: catalogue.groups.map { ($0.code, $0.title) })
        let asked = Set(round.indicatorCodes)
        let organizations = Dictionary(
            uniqueKeysWithValues: try tx.reportOrganizations(municipality: scope.municipality).map { ($0.id, $0.organization) })
        // Only what is counted of each newest value: a dictionary of whole versions (and the
        // array of pairs that built it) was 20 of the region digest's 36 MB of heap at its peak.
        let versions = try tx.newestValues(roundID: round.id, municipality: scope.municipality)
        var newest: [ValueKey: (accepted: Bool, onTime: Bool)] = [:]
        newest.reserveCapacity(versions.count)
        for version in versions { newest[ValueKey(version)] = (version.state == .accepted, !version.late) }
        var municipalities: [String: CompletenessReport.Row] = [:]
        var groups: [String: CompletenessReport.Row] = [:]
        var total = CompletenessReport.Row(name: "Итого")
        for pair in try tx.participantPairs(municipality: scope.municipality) where asked.contains(pair.code) {
            let municipality = organizations[pair.organizationID]?.municipality ?? "Региональный уровень"
            let group = groupOf[pair.code] ?? ""
            let value = newest[ValueKey(organizationID: pair.organizationID, code: pair.code)]
            func count(_ row: inout CompletenessReport.Row) {
                row.expected += 1
                guard let value else { return }
                row.received += 1
                if value.accepted { row.accepted += 1 }
                if value.onTime { row.onTime += 1 }
            }
            count(&municipalities[municipality, default: .init(name: municipality)])
            count(&groups[group, default: .init(name: group + ". " + (groupTitles[group] ?? ""))])
            count(&total)
        }
        return CompletenessReport(
            scope: scope.russianTitle, round: calendar.monthTitle(round.month),
            municipalities: municipalities.values.sorted { $0.name < $1.name },
            groups: groups.keys.sorted().compactMap { groups[$0] }, total: total)
    }
}
