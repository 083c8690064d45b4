import Foundation
import IndigateCore
import IndigateStore

/// The story of every value an organisation sent in a round, as operators read it in
/// `СТАТУС <ИНН>`: each version with who sent it and when, its document, who decided it, when,
/// how and why, and what replaced it. Versions come in the standing's indicator order, oldest
/// first; names and resolutions are quoted as one clean line.
struct ValueHistory {
    struct Entry {
        var version: ValueVersion
        var sender: StoredContact?
        var decider: StoredContact?
        var documentName: String?
    }

    var entries: [Entry]

    /// Reads the versions of `organizationID` in `roundID` and the contacts they name.
    init(organizationID: Int64, roundID: Int64, order: [String], tx: StoreTransaction) throws {
        var contacts: [Int64: StoredContact] = [:]
        func contact(_ id: Int64?) throws -> StoredContact? {
            guard let id else { return nil }
            if let known = contacts[id] { return known }
            let found = try tx.contact(id: id)
            contacts[id] = found
            return found
        }
        let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let versions = try tx.versions(organizationID: organizationID, roundID: roundID).enumerated().sorted {
            (position[$0.element.indicatorCode] ?? order.count, $0.offset)
                < (position[$1.element.indicatorCode] ?? order.count, $1.offset)
        }.map(\.element)
        entries = try versions.map { version in
            Entry(
                version: version, sender: try contact(version.contactID), decider: try contact(version.decidedBy),
                documentName: try version.documentID.flatMap { try tx.documentInfo(id: $0)?.fileName })
        }
    }

    func context(calendar: RegionalCalendar) -> [[String: Any]] {
        entries.map { entry in
            let version = entry.version
            var row: [String: Any] = Flags.only(version.state.rawValue, among: ValueState.allCases.map(\.rawValue))
            row["id"] = String(version.id)
            row["code"] = version.indicatorCode
            row["value"] = version.value.russianText
            row["submittedAt"] = calendar.dateTime(version.submittedAt)
            row["late"] = version.late
            row["sender"] = Self.person(entry.sender) ?? "—"
            row["document"] = entry.documentName.map { QuotedText.quote($0, limit: 120) } ?? false
            row["decidedAt"] = version.decidedAt.map(calendar.dateTime) ?? ""
            row["decider"] = Self.person(entry.decider) ?? "—"
            row["resolution"] = version.resolution.map { QuotedText.quote($0, limit: 500) } ?? false
            row["supersededBy"] = version.supersededBy.map(String.init) ?? false
            return row
        }
    }

    /// «Иванова Мария Петровна, school@example.test», or the address alone.
    static func person(_ contact: StoredContact?) -> String? {
        guard let contact else { return nil }
        let name = QuotedText.clean(contact.contact.personName, limit: 100)
        return name.isEmpty ? contact.contact.email : "\(name), \(contact.contact.email)"
    }
}
