/// Writes ZIP archives byte by byte for the hostile-input tests: entries stored as given (or
/// already deflated, with the sizes and checksum they should declare), names taken as they are,
/// ZIP64 end records past 65,535 entries. It checks nothing, which is the point.
struct ZipBuilder {
    struct Entry {
        var name: String
        /// The bytes as they go in the archive: plain for method 0, deflated for method 8.
        var data: [UInt8]
        var method: UInt16 = 0
        var crc: UInt32?
        /// The uncompressed size to declare; the data's size when `nil` (stored entries).
        var declaredSize: UInt32?
    }

    var entries: [Entry] = []

    mutating func add(_ name: String, _ text: String) {
        entries.append(Entry(name: name, data: Array(text.utf8)))
    }

    mutating func add(_ name: String, bytes: [UInt8]) {
        entries.append(Entry(name: name, data: bytes))
    }

    /// Replaces the entry `name` (or adds it).
    mutating func replace(_ name: String, _ text: String) {
        entries.removeAll { $0.name == name }
        add(name, text)
    }

    func build() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let offset = UInt32(out.count)
            let name = Array(entry.name.utf8)
            let crc = entry.crc ?? CRC32.checksum(entry.data)
            let size = entry.declaredSize ?? UInt32(entry.data.count)
            out += le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(entry.method) + le16(0) + le16(0x21)
            out += le32(crc) + le32(UInt32(entry.data.count)) + le32(size) + le16(UInt16(name.count)) + le16(0)
            out += name + entry.data
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0x0800) + le16(entry.method) + le16(0) + le16(0x21)
            central += le32(crc) + le32(UInt32(entry.data.count)) + le32(size) + le16(UInt16(name.count))
            central += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let centralOffset = out.count
        out += central
        let count = entries.count
        if count > 0xFFFF {
            let zip64End = out.count
            out += le32(0x0606_4B50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
            out += le64(UInt64(count)) + le64(UInt64(count)) + le64(UInt64(central.count)) + le64(UInt64(centralOffset))
            out += le32(0x0706_4B50) + le32(0) + le64(UInt64(zip64End)) + le32(1)
        }
        let shortCount = UInt16(min(count, 0xFFFF))
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(shortCount) + le16(shortCount)
        out += le32(UInt32(central.count)) + le32(UInt32(centralOffset)) + le16(0)
        return out
    }

    /// The entries of a ZIP without ZIP64 or a comment (such as the fixtures), with their data as
    /// stored and their declared checksum and size, to be built again with changes.
    static func entries(of zip: [UInt8]) -> [Entry] {
        let end = zip.count - 22
        let count = Int(read16(zip, end + 10))
        var position = Int(read32(zip, end + 16))
        var entries: [Entry] = []
        for _ in 0..<count {
            let method = read16(zip, position + 10)
            let crc = read32(zip, position + 16)
            let compressed = Int(read32(zip, position + 20))
            let size = read32(zip, position + 24)
            let nameLength = Int(read16(zip, position + 28))
            let extra = Int(read16(zip, position + 30)) + Int(read16(zip, position + 32))
            let local = Int(read32(zip, position + 42))
            let name = String(decoding: zip[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            let dataStart = local + 30 + Int(read16(zip, local + 26)) + Int(read16(zip, local + 28))
            entries.append(
                Entry(
                    name: name, data: Array(zip[dataStart..<(dataStart + compressed)]), method: method, crc: crc,
                    declaredSize: size))
            position += 46 + nameLength + extra
        }
        return entries
    }

    private static func read16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    private static func read32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(read16(bytes, at)) | UInt32(read16(bytes, at + 2)) << 16
    }
}

private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
private func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xFFFF)) + le16(UInt16(value >> 16)) }
private func le64(_ value: UInt64) -> [UInt8] { le32(UInt32(value & 0xFFFF_FFFF)) + le32(UInt32(value >> 32)) }
