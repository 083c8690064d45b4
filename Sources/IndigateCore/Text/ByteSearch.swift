import Foundation

/// Searches in bytes with memchr, for the walks that run over every byte of every message (a
/// byte-by-byte `firstIndex(of:)` was 2 % of a round's ingest in the MIME guard alone).
package enum ByteSearch {
    /// The first index of `byte` at or after `start`, or nil.
    package static func firstIndex(of byte: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, start >= 0, start < buffer.count,
                let found = memchr(base + start, Int32(byte), buffer.count - start)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }
}
