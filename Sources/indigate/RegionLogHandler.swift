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

    /// `2020-09-11T10:00:00+05:00`. Written by hand from `gmtime_r`: a Foundation date
    /// formatter made per line cost a quarter of a flush's CPU (ICU builds one each time), and a
    /// shared one is not safe across the daemon's threads.
    static func timestamp(_ date: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down)) + time_t(offset)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):"
            + "\(two(parts.tm_min)):\(two(parts.tm_sec))\(sign)\(two(Int32(minutes / 60))):\(two(Int32(minutes % 60)))"
    }

    static func value(_ text: String) -> String {
        // Most values (ids, addresses, results) need nothing done: one pass over the bytes.
        if !text.isEmpty,
            text.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "=") })
        {
            return text
        }
        let clean = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return clean.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) || clean.isEmpty
            ? "\"" + clean.replacingOccurrences(of: "\"", with: "'") + "\"" : clean
    }
}
