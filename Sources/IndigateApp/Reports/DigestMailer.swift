import Foundation
import IndigateCore
import IndigateStore

/// Queues a coordinator's digest of their scope (a municipality, or the region), with the
/// provided-data table as an Excel workbook (or CSV, when asked): for the weekly schedule, a
/// coordinator's `ОТЧЁТ` and an operator's alike. An operator's copy carries the review letter's
/// token, so a reply to it is read as commands, as a reply to the status letter is.
struct DigestMailer: Sendable {
    let reports: Reports
    let letters: LetterWriter

    var calendar: RegionalCalendar { reports.calendar }

    @discardableResult
    func enqueue(
        to coordinator: StoredContact, selection: ValueSelection, format: DataTableFormat = .xlsx,
        scope asked: ReportScope? = nil,
        scopeNote: DigestView.ScopeNote? = nil, refusedValues: Bool, detailsUpdated: [RegistrationField] = [],
        answering: Answering?,
        token: (purpose: TokenPurpose, subjectID: Int64?) = (.digest, nil), tx: StoreTransaction, now: Date
    ) throws -> Bool {
        guard let organization = try tx.organization(id: coordinator.organizationID) else { return false }
        let scope = asked ?? ReportScope.of(organization.organization)
        let data = try reports.dataReport(scope: scope, selection: selection, tx: tx)
        // The table is written on another core while the other reports are read and the letter
        // is rendered (the region's Excel table takes 0.4 s); the letter takes it when composed.
        let name = "мониторинг_\(DocumentName.safe(scope.russianTitle))_\(calendar.date(now))"
        let table = TableInBackground(data: data, format: format, name: name)
        let view = DigestView(
            scope: scope, start: try reports.startReport(scope: scope, tx: tx), data: data,
            completeness: try reports.completenessReport(scope: scope, month: selection.month, tx: tx),
            refusedValues: refusedValues, tableFormat: format, scopeNote: scopeNote, selection: selection,
            detailsUpdated: detailsUpdated, contact: coordinator.contact, now: now, calendar: calendar)
        return try letters.enqueue(
            view,
            to: LetterEnvelope(
                purpose: .digest, tokenPurpose: token.purpose, contact: coordinator, organization: organization, roundID: nil,
                tokenSubjectID: token.subjectID, answering: answering),
            tokened: { _ in [try table.attachment()] },
            in: tx, now: now) != nil
    }

    /// The data table, written (Excel or CSV) on a global queue from the moment it is made.
    final class TableInBackground: @unchecked Sendable {
        private let done = DispatchGroup()
        private var result: Result<ParsedMessage.Attachment, any Error> = .failure(CancellationError())

        init(data: DataReport, format: DataTableFormat, name: String) {
            DispatchQueue.global(qos: .userInitiated).async(group: done) { [self] in
                result = Result {
                    switch format {
                    case .csv: .init(fileName: name + ".csv", contentType: "text/csv", bytes: DataReportCSV.render(data))
                    case .xlsx:
                        .init(
                            fileName: name + ".xlsx", contentType: DataReportXLSX.contentType,
                            bytes: try DataReportXLSX.render(data))
                    }
                }
            }
        }

        /// The table, once written.
        func attachment() throws -> ParsedMessage.Attachment {
            done.wait()
            return try result.get()
        }
    }
}
