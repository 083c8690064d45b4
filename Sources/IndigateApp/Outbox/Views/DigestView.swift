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
    /// Why the scope a coordinator named was not followed.
    var scopeNote: ScopeNote?
    /// The values asked for: an as-of date or a past round says which parts it concerns.
    var selection: ValueSelection = .lastAccepted
    /// The coordinator's own details their reply updated, and the contact as it now is.
    var detailsUpdated: [RegistrationField] = []
    var contact: Contact? = nil
    var now: Date

    enum ScopeNote: Sendable, Equatable {
        /// No municipality (or more than one) goes by that name.
        case unknown(String)
        /// A municipal coordinator named another scope than their own.
        case ownOnly(String)
    }
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
        if !detailsUpdated.isEmpty, let contact {
            context["detailsUpdated"] = [
                "personName": contact.personName.isEmpty ? "—" : QuotedText.clean(contact.personName, limit: 100),
                "position": contact.position.isEmpty ? "—" : QuotedText.clean(contact.position, limit: 100),
                "phone": contact.phone.isEmpty ? "—" : QuotedText.clean(contact.phone, limit: 60),
            ]
        }
        switch selection {
        case .acceptedBefore(let day): context["asOfNote"] = ["day": RoundDates.display(day)]
        case .round(let month): context["roundNote"] = ["month": calendar.monthTitle(month)]
        case .new, .lastAccepted: break
        }
        switch scopeNote {
        case .unknown(let name): context["unknownScope"] = ["name": QuotedText.quote(name, limit: 100)]
        case .ownOnly(let name): context["ownScopeOnly"] = ["name": QuotedText.quote(name, limit: 100)]
        case nil: break
        }
        return context
    }
}
