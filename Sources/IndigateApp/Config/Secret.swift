import Foundation

/// The installation's HMAC secret: 32 random bytes kept as hex in a file of mode 0600,
/// generated on first start. `rotate` keeps the old one in `<file>.previous` with the time of
/// rotation, so tokens it signed keep working for the grace period. Secrets never appear in a
/// log or an error.
package enum Secret {
    /// A secret retired by `rotate`, and when.
    package struct Retired: Sendable, Equatable {
        package var bytes: [UInt8]
        package var retiredAt: Date
    }

    package static func loadOrCreate(path: String) throws(ConfigError) -> [UInt8] {
        var info = stat()
        if stat(path, &info) == 0 {
            // Anyone who can read the secret can forge every reply token in the field.
            guard info.st_mode & 0o077 == 0 else {
                throw ConfigError(
                    file: path,
                    message: "the secret file is readable by others (mode \(String(info.st_mode & 0o777, radix: 8))): "
                        + "chmod 600 it, then run `indigate secret rotate`, since it may have been read")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigError(
                    file: path, message: "the secret file is unreadable (\(reason(errno))): check its owner and mode")
            }
            let hex = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let bytes = bytes(hex: hex), bytes.count >= 16 else {
                throw ConfigError(file: path, message: "the secret file must hold at least 32 hex digits")
            }
            guard isStrong(bytes) else {
                throw ConfigError(
                    file: path, message: "the secret is weak (repeated bytes): delete the file to have a new one generated")
            }
            return bytes
        }
        // Only a secret that is really absent is generated: one this user cannot reach is
        // reported as such, never replaced (a new secret would break every token in the field).
        guard errno == ENOENT else {
            throw ConfigError(
                file: path, message: "the secret file is unreadable (\(reason(errno))): check its owner and mode")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fresh = random()
        try write(fresh.hex + "\n", to: path, exclusive: true)
        return fresh
    }

    /// Secrets retired by earlier rotations, newest first.
    package static func retired(path: String) -> [Retired] {
        guard let data = FileManager.default.contents(atPath: path + ".previous") else { return [] }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let bytes = bytes(hex: String(parts[0])),
                let seconds = TimeInterval(parts[1])
            else { return nil }
            return Retired(bytes: bytes, retiredAt: Date(timeIntervalSince1970: seconds))
        }.reversed()
    }

    /// Makes a new secret; the old one is appended to `<file>.previous` with `now`.
    package static func rotate(path: String, now: Date) throws(ConfigError) {
        let current = try loadOrCreate(path: path)
        let line = current.hex + " " + String(Int(now.timeIntervalSince1970)) + "\n"
        let previous =
            (FileManager.default.contents(atPath: path + ".previous").map { String(decoding: $0, as: UTF8.self) } ?? "") + line
        try write(previous, to: path + ".previous.tmp", exclusive: false)
        try write(random().hex + "\n", to: path + ".tmp", exclusive: false)
        // The retired secret is safe on disk before the new one replaces it.
        guard rename(path + ".previous.tmp", path + ".previous") == 0, rename(path + ".tmp", path) == 0 else {
            throw ConfigError(file: path, message: "cannot replace the secret file (\(reason(errno)))")
        }
    }

    /// Whether the bytes look random enough to sign with: no all-zero or repeated-pattern
    /// secret (a random 16-byte secret has about 15 distinct bytes; this asks for half).
    static func isStrong(_ bytes: [UInt8]) -> Bool {
        Set(bytes).count >= bytes.count / 2
    }

    static func random() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func write(_ text: String, to path: String, exclusive: Bool) throws(ConfigError) {
        let flags = O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC)
        let fd = open(path, flags, 0o600)
        guard fd >= 0 else { throw ConfigError(file: path, message: "cannot create the secret file (\(reason(errno)))") }
        defer { close(fd) }
        fchmod(fd, 0o600)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, bytes.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw ConfigError(file: path, message: "cannot write the secret file")
        }
    }

    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    static func bytes(hex: String) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            result.append(byte)
            index = next
        }
        return result
    }
}
