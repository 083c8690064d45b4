import IndigateCore
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds bytes that make a PDF also another format. This reads no PDF syntax (qpdf does that);
/// it looks for other formats' signatures and for bytes outside the PDF's `%PDF-` … `%%EOF`:
/// - a ZIP local file header (`PK\x03\x04`) or end-of-central-directory record (`PK\x05\x06`)
///   anywhere, checked for plausible fields so that the four bytes turning up by chance inside
///   compressed data (about once in 4 GB each) do not count;
/// - anything but PDF whitespace (NUL, tab, LF, FF, CR, space) after the last `%%EOF`, unless it
///   goes on as PDF (an object or `xref`: a linearized or updated file cut short);
/// - any byte before the first `%PDF-`, or no `%PDF-` at all (qpdf and viewers look for the
///   header in the first kilobyte, and qpdf recovers a file without one).
///
/// A ZIP compressed inside a stream is not visible here: that is an embedded file, which the
/// object walk finds.
enum PolyglotScanner {
    static func isPolyglot(_ bytes: UnsafeRawBufferPointer) -> Bool {
        hasZip(bytes) || hasTrailingData(bytes) || hasLeadingData(bytes)
    }

    private static func hasZip(_ bytes: UnsafeRawBufferPointer) -> Bool {
        firstOffset(of: [0x50, 0x4B, 0x03, 0x04], in: bytes) { isLocalHeader(bytes, at: $0) } != nil
            || firstOffset(of: [0x50, 0x4B, 0x05, 0x06], in: bytes) { isEndOfDirectory(bytes, at: $0) } != nil
    }

    /// ZIP compression methods in use: stored, deflate, deflate64, bzip2, LZMA, zstd, xz, JPEG,
    /// WavPack, PPMd, AES.
    private static let knownMethods: Set<UInt16> = [0, 8, 9, 12, 14, 93, 95, 96, 97, 98, 99]

    /// A local file header: a known version and method, and a printable file name.
    private static func isLocalHeader(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard offset + 30 <= bytes.count else { return false }
        let version = u16(bytes, offset + 4)
        let method = u16(bytes, offset + 8)
        let nameLength = Int(u16(bytes, offset + 26))
        guard version <= 63, knownMethods.contains(method), (1...1024).contains(nameLength),
            offset + 30 + nameLength <= bytes.count
        else { return false }
        return bytes[(offset + 30)..<(offset + 30 + nameLength)].allSatisfy { $0 >= 0x20 && $0 != 0x7F }
    }

    /// An end-of-central-directory record: one disk, and a directory that fits before it.
    private static func isEndOfDirectory(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard offset + 22 <= bytes.count else { return false }
        let size = Int(u32(bytes, offset + 12))
        let start = Int(u32(bytes, offset + 16))
        return u16(bytes, offset + 4) == 0 && u16(bytes, offset + 6) == 0
            && u16(bytes, offset + 8) == u16(bytes, offset + 10) && size + start <= offset
            && offset + 22 + Int(u16(bytes, offset + 20)) <= bytes.count
    }

    private static func hasTrailingData(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var last: Int?
        _ = firstOffset(of: Array("%%EOF".utf8), in: bytes) {
            last = $0
            return false
        }
        guard let last else { return false }
        guard let start = bytes[(last + 5)...].firstIndex(where: { !isWhitespace($0) }) else { return false }
        return !continuesPDF(bytes[start...])
    }

    /// Whether bytes after an `%%EOF` go on as PDF body: an object (`12 0 obj`) or a
    /// cross-reference table (`xref`). A linearized file has an `%%EOF` after its first-page
    /// section, an updated one after each revision: cut short, their last `%%EOF` is one of those.
    private static func continuesPDF(_ tail: Slice<UnsafeRawBufferPointer>) -> Bool {
        if tail.starts(with: "xref".utf8) { return true }
        var rest = tail[...]
        func token() -> Slice<UnsafeRawBufferPointer> {
            rest = rest.drop(while: isWhitespace)
            let token = rest.prefix { !isWhitespace($0) }
            rest = rest.dropFirst(token.count)
            return token
        }
        func isNumber(_ token: Slice<UnsafeRawBufferPointer>) -> Bool {
            !token.isEmpty && token.allSatisfy { (0x30...0x39).contains($0) }
        }
        return isNumber(token()) && isNumber(token()) && token().starts(with: "obj".utf8)
    }

    /// PDF whitespace: NUL, tab, LF, FF, CR, space.
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0, 9, 10, 12, 13, 32: true
        default: false
        }
    }

    private static func hasLeadingData(_ bytes: UnsafeRawBufferPointer) -> Bool {
        firstOffset(of: Array("%PDF-".utf8), in: bytes) { _ in true } != 0
    }

    /// The first offset of `needle` in `bytes` that `accept` accepts; `accept` sees every
    /// occurrence until then, in order.
    private static func firstOffset(
        of needle: [UInt8], in bytes: UnsafeRawBufferPointer, where accept: (Int) -> Bool
    ) -> Int? {
        var from = 0
        while let offset = first(of: needle, in: bytes, from: from) {
            if accept(offset) { return offset }
            from = offset + 1
        }
        return nil
    }

    /// The first offset of `needle` at or after `from`. memchr finds candidates for the first
    /// byte, so a 25 MB scan stays fast even in a debug build (glibc's memmem is a GNU extension
    /// that Swift's Glibc module does not show).
    private static func first(of needle: [UInt8], in bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var at = from
        while at + needle.count <= bytes.count {
            guard let hit = memchr(base + at, Int32(needle[0]), bytes.count - needle.count + 1 - at) else { return nil }
            at = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + at, needle, needle.count) == 0 { return at }
            at += 1
        }
        return nil
    }

    private static func u16(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func u32(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(u16(bytes, at)) | UInt32(u16(bytes, at + 2)) << 16
    }
}
