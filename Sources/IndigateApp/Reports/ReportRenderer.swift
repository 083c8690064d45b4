import Foundation
import IndigateCore
import IndigateStore

/// Which report `report` prints.
package enum ReportKind: String, Sendable, CaseIterable {
    case start, data, completeness
}

/// Prints reports for `indigate report`: JSON, CSV, or the digest's templates (text: that
/// section only; HTML: the whole digest).
package struct ReportRenderer: Sendable {
    let reports: Reports
    let templates: Templates
    let gateway: IndigateConfig.Gateway
    let region: String

    var calendar: RegionalCalendar { reports.calendar }

    package func render(
        _ kind: ReportKind, scope: ReportScope, selection: ValueSelection, format: String, now: Date
    ) throws -> [UInt8] {
        try reports.store.read { tx in
            let start = try reports.startReport(scope: scope, tx: tx)
            let data = try reports.dataReport(scope: scope, selection: selection, tx: tx)
            let completeness = try reports.completenessReport(scope: scope, month: selection.month, tx: tx)
            switch format {
            case "json":
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let data: Data =
                    switch kind {
                    case .start: try encoder.encode(start)
                    case .data: try encoder.encode(data)
                    case .completeness: try encoder.encode(completeness)
                    }
                return Array(data) + [0x0A]
            case "csv":
                return DataReportCSV.render(data)
            default:
                var context = ReportContext.start(start).merging(ReportContext.data(data, lines: scope != .region)) { $1 }
                if kind == .completeness || format == "html" {
                    context.merge(ReportContext.completeness(completeness)) { $1 }
                }
                context["scope"] = scope.russianTitle
                context["date"] = calendar.dateTime(now)
                context["showStart"] = kind == .start || format == "html"
                context["showData"] = kind == .data || format == "html"
                context["marker"] = ""
                context["gatewayName"] = gateway.name
                context["region"] = region
                return Array(templates.render(format == "html" ? "digest.html" : "digest.txt", context).utf8)
            }
        }
    }
}
