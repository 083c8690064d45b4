import Foundation
import Logging

/// One line per event on stderr (journald takes it from there): the time in the region's
/// offset, the level, the message, then the metadata as sorted `key=value` pairs — values with
/// spaces quoted, control characters gone — so a message or a letter is traced by its id with
/// grep.
struct RegionLogHandler: LogHandler {
    let label: String
    let timeZone: TimeZone
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String, timeZone: TimeZone) {
        self.label = label
        self.timeZone = timeZone
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        let all = metadata.merging(explicit ?? [:]) { $1 }
        let pairs = all.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.value("\($0.value)"))" }
        let text = ([Self.timestamp(Date(), in: timeZone), level.rawValue, "\(message)"] + pairs).joined(separator: " ") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `2020-09-11T10:00:00+05:00`.
    static func timestamp(_ date: Date, in zone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func value(_ text: String) -> String {
        let clean = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return clean.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) || clean.isEmpty
            ? "\"" + clean.replacingOccurrences(of: "\"", with: "'") + "\"" : clean
    }
}
