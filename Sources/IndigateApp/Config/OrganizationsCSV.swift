import Foundation
import IndigateCore
import IndigateMIME

/// Reads the organisations list: one row per contact, `;` or `,` separated, UTF-8 (with or
/// without BOM) or windows-1251. Every bad row is reported with its line number, and a file
/// with any error yields nothing.
package enum OrganizationsCSV {
    package static let header = [
        "inn", "kind", "short_name", "full_name", "municipality", "mouo_inn", "role", "email", "contact_name",
        "position", "phone",
    ]

    /// What a valid file holds.
    package struct Contents: Sendable, Equatable {
        package var organizations: [Organization]
        package var contacts: [Contact]
        /// Other addresses of the same person, by contact address (the optional 12th column
        /// `aliases`, space-separated).
        package var aliases: [String: [String]] = [:]
    }

    package static func load(path: String) throws(ImportError) -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(file: path, problems: ["cannot read the file"])
        }
        return try parse(Array(data), file: path)
    }

    package static func parse(_ bytes: [UInt8], file: String) throws(ImportError) -> Contents {
        let text = try decode(bytes, file: file)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        guard let headerLine = lines.first else { throw ImportError(file: file, problems: ["the file is empty"]) }
        let separator: Character = headerLine.filter { $0 == ";" }.count >= headerLine.filter { $0 == "," }.count ? ";" : ","
        let header = CSVRow.split(headerLine, separator: separator).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let hasAliases = header == Self.header + ["aliases"]
        guard header == Self.header || hasAliases else {
            throw ImportError(
                file: file, problems: ["line 1: the header must be: " + Self.header.joined(separator: String(separator))])
        }
        var problems: [String] = []
        var organizations: [String: (Organization, line: Int)] = [:]
        var order: [String] = []
        var contacts: [Contact] = []
        var emails: [String: Int] = [:]
        var aliasMap: [String: [String]] = [:]
        for (offset, line) in lines.enumerated().dropFirst() {
            let number = offset + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = CSVRow.split(line, separator: separator).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == header.count else {
                problems.append("line \(number): \(fields.count) fields, expected \(header.count)")
                continue
            }
            let row = Dictionary(uniqueKeysWithValues: zip(header, fields))
            var rowProblems: [String] = []
            let inn = row["inn"]!
            if !Organization.isValidINN(inn) { rowProblems.append("inn '\(inn)' is not 10 or 12 digits") }
            let kind = OrganizationKind(rawValue: row["kind"]!.lowercased())
            if kind == nil { rowProblems.append("kind '\(row["kind"]!)' must be school, mouo or other") }
            let role = ContactRole(rawValue: row["role"]!.lowercased())
            if role == nil { rowProblems.append("role '\(row["role"]!)' must be respondent, coordinator or operator") }
            let email = row["email"]!.lowercased()
            if !MailAddress.isPlain(email) { rowProblems.append("email '\(email)' is not a valid address") }
            if let previous = emails[email] { rowProblems.append("email \(email) already on line \(previous)") }
            let aliases = (row["aliases"] ?? "").split(separator: " ").map { $0.lowercased() }
            for alias in aliases where !MailAddress.isPlain(alias) {
                rowProblems.append("alias '\(alias)' is not a valid address")
            }
            if row["short_name"]!.isEmpty { rowProblems.append("short_name is empty") }
            let municipality = row["municipality"]!.isEmpty ? nil : row["municipality"]
            if kind == .school || kind == .mouo, municipality == nil {
                rowProblems.append("a \(kind!.rawValue) needs its municipality")
            }
            let mouoInn = row["mouo_inn"]!.isEmpty ? nil : row["mouo_inn"]
            if kind == .school, mouoInn == nil { rowProblems.append("a school needs mouo_inn") }
            if role == .operator, kind != .other {
                rowProblems.append("operators belong to a region-level organisation (kind other)")
            }
            guard rowProblems.isEmpty, let kind, let role else {
                problems += rowProblems.map { "line \(number): \($0)" }
                continue
            }
            emails[email] = number
            let organization = Organization(
                inn: inn, kind: kind, shortName: row["short_name"]!,
                fullName: row["full_name"]!.isEmpty ? row["short_name"]! : row["full_name"]!,
                municipality: municipality, mouoInn: mouoInn)
            if let (existing, firstLine) = organizations[inn] {
                if existing != organization {
                    problems.append("line \(number): organisation \(inn) differs from line \(firstLine)")
                }
            } else {
                organizations[inn] = (organization, number)
                order.append(inn)
            }
            if !aliases.isEmpty { aliasMap[email] = aliases }
            contacts.append(
                Contact(
                    organizationINN: inn, role: role, email: email, personName: row["contact_name"]!,
                    position: row["position"]!, phone: row["phone"]!))
        }
        for inn in order {
            let (organization, line) = organizations[inn]!
            if let mouo = organization.mouoInn, organizations[mouo]?.0.kind != .mouo {
                problems.append("line \(line): mouo_inn \(mouo) is not a МОУО in this file")
            }
        }
        guard problems.isEmpty else { throw ImportError(file: file, problems: problems) }
        return Contents(organizations: order.map { organizations[$0]!.0 }, contacts: contacts, aliases: aliasMap)
    }

    static func decode(_ bytes: [UInt8], file: String) throws(ImportError) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return text }
        if let text = Charset.decode(Array(body), from: "windows-1251") { return text }
        throw ImportError(file: file, problems: ["the file is neither UTF-8 nor windows-1251"])
    }
}

/// A file that cannot be imported: every problem found, each with its line.
package struct ImportError: Error, Sendable, CustomStringConvertible {
    package var file: String
    package var problems: [String]
    package var description: String {
        "\(file): nothing imported, \(problems.count) problem(s):\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
