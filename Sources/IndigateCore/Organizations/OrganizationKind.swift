/// What an organisation is in the monitoring: a school, a municipal education authority
/// (МОУО), or anything else (the regional centre, the ministry).
package enum OrganizationKind: String, Sendable, Codable, CaseIterable {
    case school
    case mouo
    case other
}
