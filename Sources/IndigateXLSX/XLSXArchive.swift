import Foundation
import ZIPFoundation

/// The ZIP archive of an untrusted `.xlsx`, read in memory: nothing is ever written to disk. The
/// directory is checked once, whole, on opening (entry count, names, declared sizes); entries are
/// then inflated on demand through a counting consumer that stops at the limits, whatever sizes the
/// headers declare. Part names are matched without regard to ASCII case, as OPC requires.
final class XLSXArchive {
    private let archive: Archive
    /// Entries by lower-cased name.
    private let entries: [String: Entry]
    private let limits: XLSXReadLimits
    /// Bytes inflated so far, against ``XLSXReadLimits/totalBytes``.
    private var inflated = 0

    init(_ bytes: [UInt8], limits: XLSXReadLimits) throws {
        guard bytes.count <= limits.archiveBytes else { throw XLSXReadError.archiveTooLarge(limit: limits.archiveBytes) }
        // Anything shorter than an end-of-central-directory record is not a ZIP.
        guard bytes.count >= 22 else { throw XLSXReadError.notZip }
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw XLSXReadError.notZip
        }
        self.limits = limits
        var entries: [String: Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.entries else { throw XLSXReadError.tooManyEntries(limit: limits.entries) }
            let name = entry.path
            guard Self.isPlain(name), entries[Self.key(name)] == nil else {
                throw XLSXReadError.suspiciousEntryName(XLSXReadError.quoted(name))
            }
            guard entry.uncompressedSize <= UInt64(limits.entryBytes) else {
                throw XLSXReadError.entryTooLarge(entry: XLSXReadError.quoted(name), limit: limits.entryBytes)
            }
            entries[Self.key(name)] = entry
        }
        self.entries = entries
    }

    /// Whether the archive has an entry named `name`.
    func contains(_ name: String) -> Bool { entries[Self.key(name)] != nil }

    /// The inflated bytes of entry `name`, or `nil` if there is none.
    func read(_ name: String) throws -> Data? {
        guard let entry = entries[Self.key(name)] else { return nil }
        let shown = XLSXReadError.quoted(name)
        let entryLimit = limits.entryBytes
        let totalLimit = limits.totalBytes
        var data = Data()
        var size = 0
        var total = inflated
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, bufferSize: 1 << 16) { chunk in
                size += chunk.count
                total += chunk.count
                guard size <= entryLimit else { throw XLSXReadError.entryTooLarge(entry: shown, limit: entryLimit) }
                guard total <= totalLimit else { throw XLSXReadError.totalTooLarge(limit: totalLimit) }
                data.append(chunk)
            }
        } catch let error as XLSXReadError {
            throw error
        } catch {
            throw XLSXReadError.damagedEntry(shown)
        }
        inflated = total
        guard checksum == entry.checksum, entry.type == .file else { throw XLSXReadError.damagedEntry(shown) }
        return data
    }

    /// A name a spreadsheet would write: relative, without `..`, backslashes or control characters.
    private static func isPlain(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"),
            !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0 == ":" })
        else { return false }
        return !name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    private static func key(_ name: String) -> String {
        String(decoding: name.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
