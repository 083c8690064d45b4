/// Which organisations an indicator is asked of.
package enum Participants: Sendable, Equatable {
    /// Every school.
    case schools
    /// Every municipal education authority.
    case mouo
    /// The organisations with these INNs (a set: asked for every indicator of every message).
    case list(Set<String>)

    /// Whether `organization` takes part.
    package func includes(_ organization: Organization) -> Bool {
        switch self {
        case .schools: organization.kind == .school
        case .mouo: organization.kind == .mouo
        case .list(let inns): inns.contains(organization.inn)
        }
    }
}
