import Foundation
import IndigateCore
import Yams

/// Reads and checks `indigate.yaml`. A missing key or a wrong type is an error that names the
/// key: nothing falls back silently to a default.
package enum ConfigLoader {
    package static func load(path: String) throws(ConfigError) -> IndigateConfig {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, message: "cannot read the file (is the path right?)")
        }
        let written: Node
        do {
            written = try Yams.compose(yaml: text) ?? Node.mapping(.init([]))
        } catch let error as YamlError {
            throw ConfigError(file: path, message: ConfigKeys.describe(error))
        } catch {
            throw ConfigError(file: path, message: "not valid YAML: \(error)")
        }
        var config: IndigateConfig
        do {
            config = try YAMLDecoder().decode(IndigateConfig.self, from: written)
        } catch {
            throw ConfigError(file: path, message: ConfigError.describe(error, lines: written))
        }
        if let known = try? Yams.compose(yaml: YAMLEncoder().encode(config)) {
            let unknown = ConfigKeys.unknown(
                written: written, known: known,
                optional: IndigateConfig.Endpoint.CodingKeys.allCases.map(\.rawValue) + ["batch_bytes", "workers", "connections"])
            guard unknown.isEmpty else { throw ConfigError(file: path, message: unknown.joined(separator: "; ")) }
        }
        config.resolvePaths(relativeTo: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        var problems: [String] = []
        if !MailAddress.isPlain(config.gateway.address) || config.gateway.address.contains("+") {
            problems.append("gateway.address must be a plain local@domain address without '+'")
        }
        if config.timeZone == nil { problems.append("timezone must be like +05:00 or an IANA zone name") }
        let s = config.schedule
        for (name, day) in [("open_day", s.openDay), ("deadline_day", s.deadlineDay), ("next_data_day", s.nextDataDay)]
        where !(1...31).contains(day) {
            problems.append("schedule.\(name) must be a day of the month from 1 to 31 (a shorter month uses its last day)")
        }
        if s.pollSeconds < 1 { problems.append("schedule.poll_seconds must be at least 1") }
        problems += s.groupsByMonthProblems
        if config.tokens.lifetimeDays < 1 { problems.append("tokens.lifetime_days must be at least 1") }
        problems += endpointProblems(config.transport.inbound, name: "transport.inbound", network: "imap")
        problems += endpointProblems(config.transport.outbound, name: "transport.outbound", network: "smtp")
        let outbox = config.outbox
        if let connections = outbox.connections, !(1...8).contains(connections) {
            problems.append("outbox.connections must be from 1 to 8")
        }
        if outbox.minBackoffSeconds < 1 || outbox.maxBackoffSeconds < outbox.minBackoffSeconds || outbox.maxAgeDays < 1 {
            problems.append("outbox: 1 <= min_backoff_seconds <= max_backoff_seconds, max_age_days >= 1")
        }
        if !["immediate", "hourly", "daily"].contains(config.review.batch) {
            problems.append("review.batch must be immediate, hourly or daily")
        }
        if !(0...23).contains(config.review.dailyHour) || !(0...23).contains(config.reminders.hour) {
            problems.append("review.daily_hour and reminders.hour must be hours from 0 to 23")
        }
        if config.reminders.daysBefore.contains(where: { $0 < 1 }) || config.reminders.afterRejectionDays < 1 {
            problems.append("reminders.days_before and reminders.after_rejection_days must be at least 1")
        }
        if !(1...7).contains(config.digests.weekday) || !(0...23).contains(config.digests.hour) {
            problems.append("digests.weekday must be 1 (Monday) to 7, digests.hour 0 to 23")
        }
        guard problems.isEmpty else { throw ConfigError(file: path, message: problems.joined(separator: "; ")) }
        return config
    }
}

extension ConfigLoader {
    static func endpointProblems(_ endpoint: IndigateConfig.Endpoint, name: String, network: String) -> [String] {
        switch endpoint.kind {
        case "maildir":
            return endpoint.path == nil ? ["\(name).path is required for maildir"] : []
        case network:
            var problems: [String] = []
            let schemes = network == "smtp" ? ["smtp://", "smtps://"] : ["imap://", "imaps://"]
            if !(endpoint.url.map { url in schemes.contains { url.hasPrefix($0) } } ?? false) {
                problems.append("\(name).url must start with \(schemes.joined(separator: " or "))")
            }
            if let tls = endpoint.startTLS, !["required", "opportunistic", "off"].contains(tls) {
                problems.append("\(name).starttls must be required, opportunistic or off")
            }
            if network == "imap", endpoint.username == nil { problems.append("\(name).username is required for imap") }
            if let auth = endpoint.auth, !["PLAIN", "LOGIN"].contains(auth) {
                problems.append("\(name).auth must be PLAIN or LOGIN")
            }
            return problems
        default:
            return ["\(name).kind must be maildir or \(network)"]
        }
    }
}

extension IndigateConfig {
    /// Makes every relative path absolute against `directory`, the configuration file's folder:
    /// the same file means the same installation from any working directory.
    mutating func resolvePaths(relativeTo directory: String) {
        func resolve(_ path: String) -> String {
            guard !path.hasPrefix("/") else { return path }
            return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL
                .path
        }
        database = resolve(database)
        secretFile = resolve(secretFile)
        catalogue = resolve(catalogue)
        organizations = resolve(organizations)
        templates = resolve(templates)
        for keyPath in [\IndigateConfig.transport.inbound, \IndigateConfig.transport.outbound] {
            self[keyPath: keyPath].path = self[keyPath: keyPath].path.map(resolve)
            self[keyPath: keyPath].passwordFile = self[keyPath: keyPath].passwordFile.map(resolve)
        }
    }

    /// The region's time zone, from an offset (`+05:00`) or an IANA name.
    package var timeZone: TimeZone? {
        let text = timezone.trimmingCharacters(in: .whitespaces)
        if let sign = text.first, sign == "+" || sign == "-" {
            let parts = text.dropFirst().split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2, parts[0] <= 14, parts[1] < 60 else { return nil }
            let seconds = (parts[0] * 3600 + parts[1] * 60) * (sign == "-" ? -1 : 1)
            return TimeZone(secondsFromGMT: seconds)
        }
        return TimeZone(identifier: text)
    }
}

/// A configuration file that cannot be used, and why.
package struct ConfigError: Error, Sendable, CustomStringConvertible {
    package var file: String
    package var message: String

    package var description: String { "\(file): \(message)" }

    static func describe(_ error: any Error, lines node: Node?) -> String {
        func names(_ keys: [any CodingKey]) -> [String] { keys.map { $0.intValue.map(String.init) ?? $0.stringValue } }
        func at(_ keys: [any CodingKey]) -> String {
            let line = node.flatMap { keys.isEmpty ? nil : ConfigKeys.line(of: names(keys), in: $0) }
            return "'\(path(keys))'" + (line.map { " (line \($0))" } ?? "")
        }
        func found(_ keys: [any CodingKey]) -> String {
            guard let node, let value = ConfigKeys.node(at: names(keys), in: node)?.node else { return "" }
            if let scalar = value.scalar { return ", found '\(QuotedText.clean(scalar.string, limit: 60))'" }
            return value.mapping != nil ? ", found a section" : ", found a list"
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let typo = node.flatMap { ConfigKeys.misspelling(of: key.stringValue, under: names(context.codingPath), in: $0) }
            return "missing key '\(path(context.codingPath + [key]))'"
                + (context.codingPath.isEmpty ? "" : " in the section at \(at(context.codingPath))")
                + (typo.map { "; \($0) looks like a misspelling of it" } ?? "")
        case DecodingError.typeMismatch(let type, let context):
            return "wrong value at \(at(context.codingPath)): expected \(ConfigKeys.kind(type))\(found(context.codingPath))"
        case DecodingError.valueNotFound(let type, let context):
            return "missing value at \(at(context.codingPath)): expected \(ConfigKeys.kind(type))"
        case DecodingError.dataCorrupted(let context):
            return "unreadable value at \(at(context.codingPath))\(found(context.codingPath)): \(context.debugDescription)"
        default:
            return "not valid YAML: \(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
