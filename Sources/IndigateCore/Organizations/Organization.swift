/// An organisation that takes part in the monitoring, identified by its INN.
package struct Organization: Sendable, Equatable, Codable {
    /// The taxpayer number: 10 digits for a legal entity.
    package var inn: String
    package var kind: OrganizationKind
    /// The brief name used in letters and reports («МОУ СОШ № 5 г. Миасса»).
    package var shortName: String
    package var fullName: String
    /// The municipality («Миасский ГО»); nil for region-level organisations.
    package var municipality: String?
    /// The INN of the МОУО a school reports to.
    package var mouoInn: String?

    package init(
        inn: String, kind: OrganizationKind, shortName: String, fullName: String,
        municipality: String?, mouoInn: String?
    ) {
        self.inn = inn
        self.kind = kind
        self.shortName = shortName
        self.fullName = fullName
        self.municipality = municipality
        self.mouoInn = mouoInn
    }

    /// Whether `inn` is a well-formed INN of a legal entity (10 digits) or a person (12).
    package static func isValidINN(_ inn: String) -> Bool {
        (inn.count == 10 || inn.count == 12) && inn.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
