import Foundation

/// The ZIP archive of an untrusted `.xlsx`, read in memory: nothing is ever written to disk. The
/// directory is checked whole on opening (``ZIPDirectory``: entry count, names, offsets, declared
/// sizes); entries are inflated on demand from exactly their own bytes, and stop at the limits
/// whatever sizes the headers declare. Part names are matched without regard to ASCII case, as OPC
/// requires.
final class XLSXArchive {
    private let bytes: [UInt8]
    private let directory: ZIPDirectory
    private let limits: XLSXReadLimits
    /// Bytes inflated so far, against ``XLSXReadLimits/totalBytes``.
    private var inflated = 0

    init(_ bytes: [UInt8], limits: XLSXReadLimits) throws {
        guard bytes.count <= limits.archiveBytes else { throw XLSXReadError.archiveTooLarge(limit: limits.archiveBytes) }
        directory = try ZIPDirectory(bytes, limits: limits)
        self.bytes = bytes
        self.limits = limits
    }

    /// The inflated bytes of entry `name`, or `nil` if there is none. Throws when it passes
    /// ``XLSXReadLimits/entryBytes`` or, with those read before, ``XLSXReadLimits/totalBytes``, or
    /// when it does not inflate to its declared size and checksum.
    func read(_ name: String) throws -> Data? {
        guard let entry = directory[name] else { return nil }
        let shown = XLSXReadError.quoted(entry.name)
        guard !entry.isEncrypted else { throw XLSXReadError.unsupportedZip("encrypted entry") }
        let limit = min(limits.entryBytes, limits.totalBytes - inflated)
        let stored = bytes[entry.dataOffset..<(entry.dataOffset + entry.compressedSize)]
        let data: Data
        switch entry.method {
        case 0:
            guard stored.count <= limit else { throw tooLarge(shown, limit) }
            data = Data(stored)
        case 8:
            do {
                data = try Inflater.inflate(stored, limit: limit)
            } catch .tooLarge {
                throw tooLarge(shown, limit)
            } catch {
                throw XLSXReadError.damagedEntry(shown)
            }
        default:
            throw XLSXReadError.unsupportedZip("compression method \(entry.method)")
        }
        inflated += data.count
        guard data.count == entry.uncompressedSize, Inflater.crc32(data) == entry.crc else {
            throw XLSXReadError.damagedEntry(shown)
        }
        return data
    }

    /// The error for passing `limit`: the entry's own, or the total's when that was the nearer.
    private func tooLarge(_ entry: String, _ limit: Int) -> XLSXReadError {
        limit < limits.entryBytes ? .totalTooLarge(limit: limits.totalBytes) : .entryTooLarge(entry: entry, limit: limit)
    }
}
