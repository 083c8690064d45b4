import Foundation
import IndigateCore

/// A coordinator's digest: completeness, start of work and provided data of their scope, as
/// text and HTML; the provided-data table goes along as an Excel workbook or CSV.
struct DigestView: Letter {
    static let template = "digest"
    static let hasHTML = true

    var scope: ReportScope
    var start: StartReport
    var data: DataReport
    var completeness: CompletenessReport?
    /// A coordinator wrote values: the digest says they were not recorded.
    var refusedValues: Bool
    var tableFormat: DataTableFormat = .xlsx
    var now: Date
    var calendar: RegionalCalendar

    var context: [String: Any] {
        var context = ReportContext.start(start)
            .merging(ReportContext.data(data, lines: scope != .region)) { $1 }
            .merging(ReportContext.completeness(completeness)) { $1 }
        context["scope"] = scope.russianTitle
        context["date"] = calendar.dateTime(now)
        context["refusedValues"] = refusedValues
        context["showStart"] = true
        context["showData"] = true
        context["isLetter"] = true
        context["tableIsCSV"] = tableFormat == .csv
        return context
    }
}
