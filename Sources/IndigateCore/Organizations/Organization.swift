/// An organisation that takes part in the monitoring, identified by its INN.
public struct Organization: Sendable, Equatable, Codable {
    /// The taxpayer number: 10 digits for a legal entity.
    public var inn: String
    public var kind: OrganizationKind
    /// The brief name used in letters and reports («МОУ СОШ № 5 г. Миасса»).
    public var shortName: String
    public var fullName: String
    /// The municipality («Миасский ГО»); nil for region-level organisations.
    public var municipality: String?
    /// The INN of the МОУО a school reports to.
    public var mouoInn: String?

    public init(
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
    public static func isValidINN(_ inn: String) -> Bool {
        (inn.count == 10 || inn.count == 12) && inn.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
