extension String {
    /// The text's lines, empty ones kept: what `split(omittingEmptySubsequences: false,
    /// whereSeparator: \.isNewline)` gives (a line ends at LF, CR, CR LF, VT, FF, NEL, LS or PS),
    /// found by reading UTF-8 bytes instead of grapheme clusters. A newline is always a grapheme
    /// of its own (CR LF one together), so the lines are the same; on a long quoted letter this
    /// is ten times faster, and a sender controls how long that letter is.
    package var lines: [Substring] {
        var copy = self
        // Byte offsets of each line's end and of the next line's start, then the substrings.
        let breaks = copy.withUTF8 { bytes -> [(end: Int, next: Int)] in
            var breaks: [(end: Int, next: Int)] = []
            var index = 0
            let count = bytes.count
            while index < count {
                var next: Int?
                switch bytes[index] {
                case 0x0A, 0x0B, 0x0C:
                    next = index + 1
                case 0x0D:
                    next = index + 1 < count && bytes[index + 1] == 0x0A ? index + 2 : index + 1
                case 0xC2:  // U+0085 NEL
                    if index + 1 < count, bytes[index + 1] == 0x85 { next = index + 2 }
                case 0xE2:  // U+2028 LS, U+2029 PS
                    if index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                        next = index + 3
                    }
                default:
                    break
                }
                if let next {
                    breaks.append((index, next))
                    index = next
                } else {
                    index += 1
                }
            }
            return breaks
        }
        let bytes = copy.utf8
        var result: [Substring] = []
        result.reserveCapacity(breaks.count + 1)
        var start = bytes.startIndex
        for (end, next) in breaks {
            result.append(copy[start..<bytes.index(bytes.startIndex, offsetBy: end)])
            start = bytes.index(bytes.startIndex, offsetBy: next)
        }
        result.append(copy[start..<bytes.endIndex])
        return result
    }
}

extension String.UTF8View {
    /// Whether `needle`'s UTF-8 bytes occur in these bytes: a byte search, for a quick no before a
    /// comparison by characters. At most `needle`'s length steps a byte: meant for short needles.
    package func contains(bytesOf needle: String) -> Bool {
        let wanted = Array(needle.utf8)
        guard let first = wanted.first else { return true }
        let search = { (bytes: UnsafeBufferPointer<UInt8>) -> Bool in
            guard bytes.count >= wanted.count else { return false }
            var index = 0
            let last = bytes.count - wanted.count
            while index <= last {
                if bytes[index] == first, wanted.indices.allSatisfy({ bytes[index + $0] == wanted[$0] }) { return true }
                index += 1
            }
            return false
        }
        return withContiguousStorageIfAvailable(search) ?? Array(self).withUnsafeBufferPointer(search)
    }
}
