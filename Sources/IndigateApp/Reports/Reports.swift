import Foundation
import IndigateCore
import IndigateStore

/// The coordinators' reports (the portal's «Отчёт о начале тестирования», «Отчёт по
/// предоставленным данным», and completeness): read-only queries over a scope, each a few
/// grouped statements, never one per organisation.
package struct Reports: Sendable {
    let store: Store
    let calendar: RegionalCalendar

    /// Who has started and who has not, with contact persons and failing addresses.
    package func startReport(scope: ReportScope) throws -> StartReport {
        try store.read { tx in try startReport(scope: scope, tx: tx) }
    }

    func startReport(scope: ReportScope, tx: StoreTransaction) throws -> StartReport {
        var report = StartReport(scope: scope.russianTitle, notStarted: [], started: [], others: [])
        for row in try tx.reportOrganizations(municipality: scope.municipality) {
            let contact = row.contact?.contact
            let entry = StartReport.Entry(
                inn: row.organization.inn, name: row.organization.shortName, municipality: row.organization.municipality ?? "",
                person: contact?.personName ?? "", position: contact?.position ?? "", phone: contact?.phone ?? "",
                email: contact?.email ?? "", failing: row.contact?.failing ?? false)
            if !row.participates {
                report.others.append(entry)
            } else if row.started {
                report.started.append(entry)
            } else {
                report.notStarted.append(entry)
            }
        }
        return report
    }

    /// The round of `month` (`YYYY-MM`), or the newest when nil; nil when there is none.
    func round(month: String?, tx: StoreTransaction) throws -> Round? {
        try month.map { try tx.round(month: $0) } ?? tx.newestRound()
    }

    /// The provided-data report for a selection of values.
    package func dataReport(scope: ReportScope, selection: ValueSelection) throws -> DataReport {
        try store.read { tx in try dataReport(scope: scope, selection: selection, tx: tx) }
    }

    func dataReport(scope: ReportScope, selection: ValueSelection, tx: StoreTransaction) throws -> DataReport {
        let catalogue = try tx.catalogue(withParticipants: false)
        let indicators = Dictionary(uniqueKeysWithValues: catalogue.indicators.map { ($0.code, $0) })
        let order = Dictionary(uniqueKeysWithValues: catalogue.indicators.enumerated().map { ($1.code, $0) })
        var before: Date?
        var title: String
        switch selection {
        case .new: title = "Новые значения"
        case .lastAccepted: title = "Последние принятые значения"
        case .acceptedBefore(let day):
            before = calendar.startOfDay(day)
            title = "До " + RoundDates.display(day)
        case .round(let month):
            title = "Сбор за " + calendar.monthTitle(month)
        }
        // The round the report is about: the one asked for, or the newest.
        let round = try round(month: selection.month, tx: tx)
        if selection.month != nil, round == nil { title += " (такого сбора не было)" }
        let organizations = try tx.reportOrganizations(municipality: scope.municipality).filter(\.participates)
        let values = Dictionary(grouping: try tx.selectedValues(selection, municipality: scope.municipality, before: before)) {
            $0.organizationID
        }
        // What is asked: the round's indicators (every indicator before the first round).
        let roundCodes = round.map { Set($0.indicatorCodes) }
        let asked = Dictionary(
            grouping: try tx.participantPairs(municipality: scope.municipality).filter { roundCodes?.contains($0.code) ?? true }
        ) { $0.organizationID }
        let dates = DateTimeTexts(calendar: calendar)
        var report = DataReport(
            scope: scope.russianTitle, selection: title, withData: [], withoutData: [], awaitingCorrection: [], late: [])
        for organization in organizations {
            let own = Dictionary(uniqueKeysWithValues: (values[organization.id] ?? []).map { ($0.indicatorCode, $0) })
            let codes = (asked[organization.id] ?? []).map(\.code).sorted { order[$0, default: 0] < order[$1, default: 0] }
            let lines = codes.map { code -> DataReport.Line in
                line(
                    own[code], code: code, question: indicators[code]?.question ?? "", organization: organization.organization,
                    dates: dates)
            }
            // Counted over the lines, as the letter shows them («12 из 12»): a value of an
            // indicator this round does not ask is not one of them.
            let withValues = codes.count(where: { own[$0] != nil })
            let entry = DataReport.Organization(
                inn: organization.organization.inn, name: organization.organization.shortName,
                municipality: organization.organization.municipality ?? "", withValues: withValues, indicators: codes.count,
                lines: lines)
            if withValues == 0 { report.withoutData.append(entry) } else { report.withData.append(entry) }
        }
        // Corrections awaited (the newest version of an indicator, in any round, is rejected) and
        // late submissions (in the round).
        let names = Dictionary(uniqueKeysWithValues: organizations.map { ($0.id, $0.organization) })
        let newestRound = round?.id
        for value in try tx.newestValues(roundID: nil, municipality: scope.municipality, state: .rejected) {
            guard let organization = names[value.organizationID] else { continue }
            report.awaitingCorrection.append(
                line(
                    value, code: value.indicatorCode, question: indicators[value.indicatorCode]?.question ?? "",
                    organization: organization, dates: dates))
        }
        if let newestRound {
            for value in try tx.newestValues(roundID: newestRound, municipality: scope.municipality, lateOnly: true) {
                guard let organization = names[value.organizationID] else { continue }
                report.late.append(
                    line(
                        value, code: value.indicatorCode, question: indicators[value.indicatorCode]?.question ?? "",
                        organization: organization, dates: dates))
            }
        }
        report.awaitingCorrection.sort { ($0.inn, $0.code) < ($1.inn, $1.code) }
        report.late.sort { ($0.inn, $0.code) < ($1.inn, $1.code) }
        return report
    }

    func line(
        _ value: ValueVersion?, code: String, question: String, organization: Organization, dates: DateTimeTexts
    ) -> DataReport.Line {
        guard let value else {
            return DataReport.Line(
                inn: organization.inn, organization: organization.shortName, code: code, question: question,
                value: "Нет данных", date: "", state: "", resolution: nil)
        }
        return DataReport.Line(
            inn: organization.inn, organization: organization.shortName, code: code, question: question,
            value: value.value.russianText, date: dates.text(value.decidedAt ?? value.submittedAt),
            state: Self.stateName(value.state), resolution: value.resolution)
    }

    /// A state as reports print it.
    static func stateName(_ state: ValueState) -> String {
        switch state {
        case .awaitingDocument: "сохранено, ожидается документ"
        case .review: "на проверке"
        case .accepted: "принято"
        case .rejected: "отклонено"
        }
    }
}
