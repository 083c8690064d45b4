import Foundation
import IndigateCore
import Yams

/// Reads and checks `indigate.yaml`. A missing key or a wrong type is an error that names the
/// key: nothing falls back silently to a default.
public enum ConfigLoader {
    public static func load(path: String) throws(ConfigError) -> IndigateConfig {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, message: "cannot read the file (is the path right?)")
        }
        let config: IndigateConfig
        do {
            config = try YAMLDecoder().decode(IndigateConfig.self, from: text)
        } catch {
            throw ConfigError(file: path, message: ConfigError.describe(error))
        }
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
        if config.tokens.lifetimeDays < 1 { problems.append("tokens.lifetime_days must be at least 1") }
        for endpoint in [config.transport.inbound, config.transport.outbound] where endpoint.kind != "maildir" {
            problems.append("transport kind '\(endpoint.kind)' is not supported here (use maildir)")
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
        guard problems.isEmpty else { throw ConfigError(file: path, message: problems.joined(separator: "; ")) }
        return config
    }
}

extension IndigateConfig {
    /// The region's time zone, from an offset (`+05:00`) or an IANA name.
    public var timeZone: TimeZone? {
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
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String

    public var description: String { "\(file): \(message)" }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing key '\(path(context.codingPath + [key]))'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong value at '\(path(context.codingPath))': \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "unreadable value at '\(path(context.codingPath))': \(context.debugDescription)"
        default:
            return "not valid YAML: \(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
