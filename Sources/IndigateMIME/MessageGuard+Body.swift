import Foundation

extension MessageGuard {
    static let longestAddressHeaderName = addressHeaders.map(\.utf8.count).max() ?? 0

    /// One pass over the lines from `start` (the body): measures every line that looks like an
    /// address header (an address header's name, blanks, a colon), with its continuation lines,
    /// against the same limits as the message's own headers, and returns how many lines start
    /// with `--`. It runs over every byte of every message, so it walks a buffer from memchr to
    /// memchr and looks at most lines' first byte only. Two walks over slices of the array, one
    /// per task, took a worker parsing the bench corpus alone 2.31 s of user time, this 2.23 s
    /// (medians of three). Per line it reads the initials table from a local and looks at an
    /// address header being measured only when there is one: a poll of the corpus spent 1.8 %
    /// of its CPU samples here before (a global's lazy check and an empty optional's release on
    /// every line), 0.7 % after (perf, one poll each).
    static func scanBody(_ raw: [UInt8], from start: Int, limits: MIMELimits) throws(MIMEError) -> Int {
        var current: MeasuredHeader? = nil
        var failure: MIMEError? = nil
        var boundaryLines = 0
        // Ends the address header being measured; false when it is over the limits.
        func finish() -> Bool {
            defer { current = nil }
            guard let header = current, !header.passes(limits) else { return true }
            failure = .hostileHeader(name: header.name)
            return false
        }
        let initials = addressHeaderInitials  // read once: a global's access checks its lazy start
        raw.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            var index = start
            while index < count {
                let newline = memchr(base + index, 0x0A, count - index)
                let end = newline.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? count
                defer { index = end + 1 }
                var stop = end
                if stop > index && base[stop - 1] == 0x0D { stop -= 1 }
                guard stop > index else {
                    if current != nil, !finish() { return }
                    continue
                }
                let first = base[index]
                if first == 0x2D && index + 1 < count && base[index + 1] == 0x2D { boundaryLines += 1 }
                if current != nil {
                    if first == 0x20 || first == 0x09 {
                        current!.add(raw[index..<stop])
                        continue
                    }
                    guard finish() else { return }
                }
                // Only a name of an address header, perhaps with blanks, can come before the colon.
                guard initials[Int(first)] else { continue }
                let look = min(stop - index, longestAddressHeaderName + 8)
                guard let found = memchr(base + index, 0x3A, look) else { continue }
                let colon = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let name = headerName(raw[index..<colon])
                guard addressHeaders.contains(name) else { continue }
                current = MeasuredHeader(name: name, value: raw[(colon + 1)..<stop])
            }
            if current != nil { _ = finish() }
        }
        if let failure { throw failure }
        return boundaryLines
    }
}
