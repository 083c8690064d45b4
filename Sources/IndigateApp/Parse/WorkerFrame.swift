import Foundation

/// The parse worker's wire format on its pipes: a frame is an 8-byte big-endian length and
/// that many bytes. A request is a kind byte (`parse` a raw message, or draw a PDF's `firstPage`)
/// and a frame; a parse answer carries one tag byte (0 parsed, 1 refused) and the outline or
/// the refusal (`WorkerAnswer`), a first page's answer the PNG (empty: none).
enum WorkerFrame {
    static let parsed: UInt8 = 0
    static let refused: UInt8 = 1
    /// Request kinds.
    static let parse: UInt8 = 0
    static let firstPage: UInt8 = 2

    static func header(length: Int) -> [UInt8] {
        withUnsafeBytes(of: UInt64(length).bigEndian) { Array($0) }
    }

    /// The length a header gives; one beyond `Int.max` (a worker's bytes are not trusted) reads
    /// as `Int.max`, which no check lets through, instead of stopping the daemon.
    static func length(_ header: [UInt8]) -> Int {
        Int(clamping: header.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    /// Reads exactly `count` bytes from `fd`, waiting at most until `deadline`. nil on EOF,
    /// error or time-out. The array is read into as it is allocated, not zeroed first: zeroing
    /// each raw message and attachment was 1.3 % of a poll's CPU samples.
    static func read(_ fd: Int32, count: Int, deadline: Date?) -> [UInt8]? {
        var complete = false
        let buffer = [UInt8](unsafeUninitializedCapacity: count) { bytes, initialized in
            var done = 0
            defer { initialized = complete ? count : 0 }
            while done < count {
                if let deadline {
                    guard let ready = wait(fd, for: POLLIN, until: deadline) else { return }
                    guard ready else { continue }
                }
                let n = Glibc.read(fd, bytes.baseAddress! + done, count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                done += n
            }
            complete = true
        }
        return complete ? buffer : nil
    }

    /// Writes all of `bytes` to `fd`, waiting at most until `deadline`. false on error or time-out.
    static func write(_ fd: Int32, _ bytes: [UInt8], deadline: Date?) -> Bool {
        var done = 0
        while done < bytes.count {
            if let deadline {
                guard let ready = wait(fd, for: POLLOUT, until: deadline) else { return false }
                guard ready else { continue }
            }
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    /// Waits for `fd` to be ready for `event`: true when ready, false to try again (a signal,
    /// or a slice of the wait ended), nil when the deadline has passed.
    static func wait(_ fd: Int32, for event: Int32, until deadline: Date) -> Bool? {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { return nil }
        var descriptor = pollfd(fd: fd, events: Int16(event), revents: 0)
        return poll(&descriptor, 1, Int32(min(remaining * 1000, 60_000)) + 1) > 0
    }
}
