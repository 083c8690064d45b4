import Foundation
import IndigateCore
import Yams

/// Reads `indicators.yaml` into a `Catalogue` and checks it.
package enum CatalogueFile {
    struct File: Codable {
        var groups: [Group]
    }

    struct Group: Codable {
        var code: String
        var title: String
        var indicators: [Item]
    }

    struct Item: Codable {
        var code: String
        var question: String
        var type: IndicatorType
        var parts: [String]?
        var document: String?
        var participants: String
        var inns: [String]?
    }

    package static func load(path: String) throws(ConfigError) -> Catalogue {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, message: "cannot read the file")
        }
        let file: File
        let written: Node
        do {
            written = try Yams.compose(yaml: text) ?? Node.mapping(.init([]))
            file = try YAMLDecoder().decode(File.self, from: written)
        } catch let error as YamlError {
            throw ConfigError(file: path, message: ConfigKeys.describe(error))
        } catch {
            throw ConfigError(file: path, message: ConfigError.describe(error, lines: (try? Yams.compose(yaml: text)) ?? nil))
        }
        if let known = try? Yams.compose(yaml: YAMLEncoder().encode(file)) {
            let unknown = ConfigKeys.unknown(written: written, known: known)
            guard unknown.isEmpty else { throw ConfigError(file: path, message: unknown.joined(separator: "; ")) }
        }
        var problems: [String] = []
        let catalogue = Catalogue(
            groups: file.groups.map { group in
                IndicatorGroup(
                    code: group.code, title: group.title,
                    indicators: group.indicators.map { item in
                        let participants: Participants
                        switch item.participants {
                        case "schools": participants = .schools
                        case "mouo": participants = .mouo
                        case "list": participants = .list(Set(item.inns ?? []))
                        default:
                            problems.append("indicator \(item.code): participants must be schools, mouo or list")
                            participants = .list([])
                        }
                        if item.participants == "list" && (item.inns ?? []).isEmpty {
                            problems.append("indicator \(item.code): participants list needs inns")
                        }
                        for inn in item.inns ?? [] where !Organization.isValidINN(inn) {
                            problems.append("indicator \(item.code): '\(inn)' is not an INN")
                        }
                        return Indicator(
                            code: item.code, groupCode: group.code, question: item.question, type: item.type,
                            parts: item.parts ?? [], document: item.document, participants: participants)
                    })
            })
        problems += catalogue.problems()
        guard problems.isEmpty else { throw ConfigError(file: path, message: problems.joined(separator: "; ")) }
        return catalogue
    }
}
