import GRDB
import IndigateCore

extension StoreTransaction {
    /// Writes the catalogue's groups and indicators (updating those that exist) and recomputes
    /// every indicator's participants from the organisations now stored.
    package func saveCatalogue(_ catalogue: Catalogue) throws {
        roundCodes.forget()
        for (groupIndex, group) in catalogue.groups.enumerated() {
            try statement(
                """
                INSERT INTO indicatorGroup (code, title, position) VALUES (?, ?, ?)
                ON CONFLICT(code) DO UPDATE SET title = excluded.title, position = excluded.position
                """
            ).execute(arguments: [group.code, group.title, groupIndex])
            for (index, indicator) in group.indicators.enumerated() {
                try statement(
                    """
                    INSERT INTO indicator (code, groupCode, question, type, part1, part2, document, position)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(code) DO UPDATE SET groupCode = excluded.groupCode,
                        question = excluded.question, type = excluded.type, part1 = excluded.part1,
                        part2 = excluded.part2, document = excluded.document, position = excluded.position
                    """
                ).execute(
                    arguments: [
                        indicator.code, group.code, indicator.question, indicator.type.rawValue,
                        indicator.parts.first, indicator.parts.dropFirst().first, indicator.document,
                        groupIndex * 1000 + index,
                    ])
            }
        }
        try statement("DELETE FROM participant").execute()
        let organizations = try allOrganizations()
        for indicator in catalogue.indicators {
            for stored in organizations where indicator.participants.includes(stored.organization) {
                try statement("INSERT INTO participant (indicatorCode, organizationId) VALUES (?, ?)").execute(
                    arguments: [indicator.code, stored.id])
            }
        }
    }

    /// The stored catalogue, in order; participants as stored (left empty when not wanted:
    /// reports read them in bulk on their own).
    package func catalogue(withParticipants: Bool = true) throws -> Catalogue {
        var participants: [String: Set<String>] = [:]
        // One row an indicator (a school-wide one lists every school: thousands of rows read one
        // by one cost 70 ms a batch of mail); INNs are digits, so a comma joins them safely.
        for row in try !withParticipants
            ? []
            : Row.fetchAll(
                try statement(
                    """
                    SELECT p.indicatorCode, group_concat(o.inn, ',') FROM participant p
                    JOIN organization o ON o.id = p.organizationId GROUP BY p.indicatorCode
                    """))
        {
            let inns: String = row[1]
            participants[row[0]] = Set(inns.split(separator: ",").map(String.init))
        }
        let groups = try Row.fetchAll(try statement("SELECT code, title FROM indicatorGroup ORDER BY position"))
        let indicators = try Row.fetchAll(try statement("SELECT * FROM indicator ORDER BY position"))
        return Catalogue(
            groups: groups.map { group in
                let code: String = group["code"]
                return IndicatorGroup(
                    code: code, title: group["title"],
                    indicators: indicators.filter { $0["groupCode"] == code }.map { row in
                        let part1: String? = row["part1"]
                        let part2: String? = row["part2"]
                        return Indicator(
                            code: row["code"], groupCode: code, question: row["question"],
                            type: IndicatorType(rawValue: row["type"]) ?? .numeric,
                            parts: [part1, part2].compactMap { $0 }, document: row["document"],
                            participants: .list(participants[row["code"], default: []]))
                    })
            })
    }
}
