import Foundation

/// Prints command results: JSON with sorted keys for scripts, or text for people. Everything a
/// command prints goes through here, to standard output — or, in tests that run a command
/// in-process (`Indigate.parseAsRoot`), to the sink they bind.
enum Output {
    /// Where output goes: standard output, or a buffer a test reads.
    final class Sink: @unchecked Sendable {
        private let lock = NSLock()
        private var buffer: [UInt8]?

        static let standardOutput = Sink(capturing: false)

        init(capturing: Bool) {
            buffer = capturing ? [] : nil
        }

        func write(_ bytes: [UInt8]) {
            lock.lock()
            defer { lock.unlock() }
            if buffer != nil { buffer! += bytes } else { Self.writeStandardOutput(bytes) }
        }

        /// Writes to standard output; a reader that went away (`indigate status | head -1`) ends
        /// the command quietly, as it would any Unix tool, instead of a crash.
        static func writeStandardOutput(_ bytes: [UInt8]) {
            var done = 0
            while done < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + done, bytes.count - done) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { exit(errno == EPIPE ? 0 : 74) }
                done += n
            }
        }

        /// What was written, as text (capturing sinks only).
        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: buffer ?? [], as: UTF8.self)
        }
    }

    @TaskLocal static var sink = Sink.standardOutput

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        sink.write(Array(try encoder.encode(value)) + [0x0A])
    }

    static func bytes(_ bytes: [UInt8]) {
        sink.write(bytes)
    }

    /// One line of text.
    static func line(_ text: String) {
        sink.write(Array(text.utf8) + [0x0A])
    }
}
