/// What is kept of a message over the size limit: its header block and the first 64 KB of its
/// body — enough to see who wrote, to whom and what about — never the whole thing.
enum PartialArchive {
    static let bodyBytes = 64 * 1024

    static func cut(_ raw: [UInt8]) -> [UInt8] {
        let end = headerEnd(raw) ?? 0
        return Array(raw.prefix(min(raw.count, end + bodyBytes)))
    }

    /// The offset just after the blank line that ends the headers, if it is in `raw`.
    static func headerEnd(_ raw: [UInt8]) -> Int? {
        var index = 0
        while index + 1 < raw.count {
            if raw[index] == 0x0A {
                if raw[index + 1] == 0x0A { return index + 2 }
                if raw[index + 1] == 0x0D, index + 2 < raw.count, raw[index + 2] == 0x0A { return index + 3 }
            }
            index += 1
        }
        return nil
    }
}
