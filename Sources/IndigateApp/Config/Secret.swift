import Foundation

/// The installation's HMAC secret: 32 random bytes kept as hex in a file of mode 0600,
/// generated on first start. It never appears in a log or an error.
public enum Secret {
    public static func loadOrCreate(path: String) throws(ConfigError) -> [UInt8] {
        if let data = FileManager.default.contents(atPath: path) {
            let hex = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let bytes = bytes(hex: hex), bytes.count >= 16 else {
                throw ConfigError(file: path, message: "the secret file must hold at least 32 hex digits")
            }
            return bytes
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let hex = bytes.map { String(format: "%02x", $0) }.joined() + "\n"
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw ConfigError(file: path, message: "cannot create the secret file (errno \(errno))") }
        defer { close(fd) }
        let written = hex.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        guard written == hex.utf8.count, fsync(fd) == 0 else {
            throw ConfigError(file: path, message: "cannot write the secret file")
        }
        return bytes
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
