/// The central directory of an untrusted ZIP archive, read and checked whole before any entry is
/// touched: one end record within the last 64 KiB, no ZIP64, one disk, every header where its offset
/// says and every entry's data inside the archive, before the directory. Work and memory are linear
/// in the entry count, which the end record declares and ``XLSXReadLimits/entries`` bounds before
/// the walk begins.
///
/// Written here rather than taken from ZIPFoundation 0.9.20, whose in-memory archive traps on an
/// offset past the end (`MemoryFile.readData` builds a negative range) and whose Linux inflater
/// reads on past an entry's data and loops forever at the end of the archive: both reached by the
/// damaged files of HostileInputTests.
struct ZIPDirectory {
    struct Entry {
        var name: String
        /// 0 (stored) or 8 (deflate); others are refused when the entry is read.
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        /// Where the entry's data starts in the archive.
        var dataOffset: Int
        var isEncrypted: Bool
    }

    /// Entries by lower-cased name (OPC part names are case-insensitive).
    private(set) var entries: [String: Entry] = [:]

    init(_ bytes: [UInt8], limits: XLSXReadLimits) throws {
        guard let end = Self.endRecord(bytes) else { throw XLSXReadError.notZip }
        if end >= 20, Self.read32(bytes, end - 20) == 0x0706_4B50 { throw XLSXReadError.unsupportedZip("ZIP64") }
        let count = Int(Self.read16(bytes, end + 10))
        let directorySize = Int(Self.read32(bytes, end + 12))
        let directoryStart = Int(Self.read32(bytes, end + 16))
        guard Self.read16(bytes, end + 4) == 0, Self.read16(bytes, end + 6) == 0, Int(Self.read16(bytes, end + 8)) == count
        else { throw XLSXReadError.unsupportedZip("several disks") }
        guard count <= limits.entries else { throw XLSXReadError.tooManyEntries(limit: limits.entries) }
        guard directoryStart + directorySize <= end else { throw XLSXReadError.notZip }
        var position = directoryStart
        let directoryEnd = directoryStart + directorySize
        for _ in 0..<count {
            let (entry, next) = try Self.entry(bytes, at: position, directoryStart: directoryStart, directoryEnd: directoryEnd)
            guard entry.uncompressedSize <= limits.entryBytes else {
                throw XLSXReadError.entryTooLarge(entry: XLSXReadError.quoted(entry.name), limit: limits.entryBytes)
            }
            guard Self.isPlain(entry.name), entries[Self.key(entry.name)] == nil else {
                throw XLSXReadError.suspiciousEntryName(XLSXReadError.quoted(entry.name))
            }
            entries[Self.key(entry.name)] = entry
            position = next
        }
    }

    subscript(name: String) -> Entry? { entries[Self.key(name)] }

    /// The central-directory header at `position` and the position after it, with its local header
    /// checked: both signatures right, the data between the local header and the directory.
    private static func entry(
        _ bytes: [UInt8], at position: Int, directoryStart: Int, directoryEnd: Int
    ) throws -> (Entry, Int) {
        guard position + 46 <= directoryEnd, read32(bytes, position) == 0x0201_4B50 else { throw XLSXReadError.notZip }
        let flags = read16(bytes, position + 8)
        let compressed = read32(bytes, position + 20)
        let uncompressed = read32(bytes, position + 24)
        let nameLength = Int(read16(bytes, position + 28))
        let variable = nameLength + Int(read16(bytes, position + 30)) + Int(read16(bytes, position + 32))
        let local = Int(read32(bytes, position + 42))
        guard position + 46 + variable <= directoryEnd else { throw XLSXReadError.notZip }
        guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF, read16(bytes, position + 34) == 0
        else { throw XLSXReadError.unsupportedZip("ZIP64") }
        let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
        guard local + 30 <= directoryStart, read32(bytes, local) == 0x0403_4B50 else {
            throw XLSXReadError.damagedEntry(XLSXReadError.quoted(name))
        }
        let dataOffset = local + 30 + Int(read16(bytes, local + 26)) + Int(read16(bytes, local + 28))
        guard dataOffset + Int(compressed) <= directoryStart else { throw XLSXReadError.damagedEntry(XLSXReadError.quoted(name)) }
        let entry = Entry(
            name: name, method: read16(bytes, position + 10), crc: read32(bytes, position + 16),
            compressedSize: Int(compressed), uncompressedSize: Int(uncompressed), dataOffset: dataOffset,
            isEncrypted: flags & 1 != 0)
        return (entry, position + 46 + variable)
    }

    /// The end-of-central-directory record: the last signature within the final 64 KiB whose
    /// comment reaches exactly to the end of the archive.
    private static func endRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        for position in stride(from: bytes.count - 22, through: lowest, by: -1)
        where read32(bytes, position) == 0x0605_4B50 && position + 22 + Int(read16(bytes, position + 20)) == bytes.count {
            return position
        }
        return nil
    }

    /// A name a spreadsheet would write: relative, without `..`, backslashes, colons or control
    /// characters.
    private static func isPlain(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"),
            !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0 == ":" || $0 == "\u{FFFD}" })
        else { return false }
        return !name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    private static func key(_ name: String) -> String {
        String(decoding: name.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }

    private static func read16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func read32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(read16(bytes, at)) | UInt32(read16(bytes, at + 2)) << 16
    }
}
