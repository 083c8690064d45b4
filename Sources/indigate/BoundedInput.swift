import Foundation
import IndigateTransport

/// Reads a message from a file descriptor (the MTA's pipe) without ever holding more than the
/// size limit: a longer message keeps only its first part, and the rest is read, counted and
/// dropped.
enum BoundedInput {
    /// The bytes kept and the message's full size; nil on a read error.
    static func read(_ fd: Int32, limit: Int) -> (bytes: [UInt8], size: Int)? {
        var kept: [UInt8] = []
        var size = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return nil }
            if n == 0 { break }
            size += n
            if size <= limit {
                kept += chunk[0..<n]
            } else if kept.count > InboundLimits.prefixBytes {
                kept.removeSubrange(InboundLimits.prefixBytes...)
            } else if kept.count < InboundLimits.prefixBytes {
                kept += chunk[0..<min(n, InboundLimits.prefixBytes - kept.count)]
            }
        }
        return (kept, size)
    }
}
