import IndigateStore

/// A municipality of the region as a reader names it in `ОТЧЁТ`: its full name or the start of
/// it («Еткульский» for «Еткульский МР»), any case. One rule for coordinators and operators.
enum MunicipalityName {
    /// The one municipality `name` names; nil when none or several do.
    static func match(_ name: String, tx: StoreTransaction) throws -> String? {
        let known = Set(try tx.allOrganizations().compactMap(\.organization.municipality)).sorted()
        let lowered = name.lowercased()
        let matches = known.filter { $0.lowercased() == lowered || $0.lowercased().hasPrefix(lowered) }
        return matches.count == 1 ? matches.first : nil
    }
}
