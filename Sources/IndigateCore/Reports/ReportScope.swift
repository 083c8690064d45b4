/// Whose data a report shows: one municipality (a municipal coordinator's) or the region.
package enum ReportScope: Sendable, Equatable {
    case region
    case municipality(String)

    /// The scope a coordinator of `organization` may see: a municipal coordinator never sees
    /// another municipality.
    package static func of(_ organization: Organization) -> ReportScope {
        organization.municipality.map { .municipality($0) } ?? .region
    }

    package var municipality: String? {
        if case .municipality(let name) = self { return name }
        return nil
    }

    package var russianTitle: String {
        municipality ?? "вся область"
    }
}

/// Which values the provided-data report shows (the portal's «Выбранные значения»).
package enum ValueSelection: Sendable, Equatable {
    /// Submitted and not yet reviewed («Новые значения»).
    case new
    /// The last accepted value of each indicator («Последние принятые значения»).
    case lastAccepted
    /// The last value accepted before the start of this day (`YYYY-MM-DD`, «До 01.12.2019»).
    case acceptedBefore(String)
    /// The newest value of each indicator sent in the round of this month (`YYYY-MM`), whatever
    /// its state: a past round as it ended («Сбор за сентябрь 2020»).
    case round(String)

    /// The round the selection is about, when it names one.
    package var month: String? {
        if case .round(let month) = self { return month }
        return nil
    }
}
