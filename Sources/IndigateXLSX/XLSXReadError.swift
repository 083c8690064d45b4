/// Why an `.xlsx` could not be read. Messages are for developers (English); the application words
/// them for people. Names of parts and entries come from the file: they are cut to 80 characters
/// and anything but printable ASCII is replaced, so a message never carries the file's content.
package enum XLSXReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a ZIP archive, or one whose directory cannot be read (garbage, truncated).
    case notZip
    /// The file is larger than ``XLSXReadLimits/archiveBytes``.
    case archiveTooLarge(limit: Int)
    /// More entries than ``XLSXReadLimits/entries``.
    case tooManyEntries(limit: Int)
    /// An entry declares, or inflates to, more than ``XLSXReadLimits/entryBytes``.
    case entryTooLarge(entry: String, limit: Int)
    /// The entries read inflate to more than ``XLSXReadLimits/totalBytes`` together.
    case totalTooLarge(limit: Int)
    /// An entry's name is absolute, climbs out (`..`), holds a NUL or a backslash, or repeats
    /// another's: no spreadsheet writes such names.
    case suspiciousEntryName(String)
    /// ZIP features no spreadsheet needs at this size: ZIP64, several disks, encryption, a
    /// compression method other than stored or deflate.
    case unsupportedZip(String)
    /// An entry's headers or data are not where the directory says, or its data does not inflate
    /// to its declared size and checksum.
    case damagedEntry(String)
    /// A part the workbook needs is missing (`xl/workbook.xml`, a worksheet it lists…).
    case missingPart(String)
    /// XML this reader refuses outright: a DOCTYPE (and so any entity declaration), an encoding
    /// other than UTF-8, a NUL byte.
    case forbiddenXML(part: String, reason: String)
    /// XML nested deeper than ``XLSXReadLimits/xmlDepth``.
    case xmlTooDeep(part: String, limit: Int)
    /// More XML elements in one part than ``XLSXReadLimits/xmlElements``.
    case tooManyXMLElements(part: String, limit: Int)
    /// XML that does not parse.
    case malformedXML(part: String, line: Int)
    /// More shared strings than ``XLSXReadLimits/sharedStrings``.
    case tooManySharedStrings(limit: Int)
    /// More cells than ``XLSXReadLimits/cells``, more merged ranges than
    /// ``XLSXReadLimits/mergedRanges``, or more sheets or names than the workbook may list.
    case tooManyItems(what: String, limit: Int)
    /// A cell or range beyond ``XLSXReadLimits/rows`` or ``XLSXReadLimits/columns``, or not a cell
    /// reference at all.
    case cellOutOfRange(String)
    /// Content that breaks the format's rules: a shared-string index past the table's end…
    case invalidContent(part: String, detail: String)
    /// The workbook lists no worksheet.
    case noWorksheet

    package var description: String {
        switch self {
        case .notZip: "not a ZIP archive, or its directory is damaged"
        case .archiveTooLarge(let limit): "file larger than \(limit) bytes"
        case .tooManyEntries(let limit): "more than \(limit) entries in the archive"
        case .entryTooLarge(let entry, let limit): "entry \(entry) larger than \(limit) bytes uncompressed"
        case .totalTooLarge(let limit): "entries read larger than \(limit) bytes uncompressed together"
        case .suspiciousEntryName(let name): "suspicious entry name \(name)"
        case .unsupportedZip(let feature): "unsupported ZIP feature: \(feature)"
        case .damagedEntry(let entry): "entry \(entry) is damaged (headers, inflation, size or checksum)"
        case .missingPart(let part): "missing part \(part)"
        case .forbiddenXML(let part, let reason): "refused XML in \(part): \(reason)"
        case .xmlTooDeep(let part, let limit): "XML in \(part) nested deeper than \(limit)"
        case .tooManyXMLElements(let part, let limit): "more than \(limit) XML elements in \(part)"
        case .malformedXML(let part, let line): "malformed XML in \(part) at line \(line)"
        case .tooManySharedStrings(let limit): "more than \(limit) shared strings"
        case .tooManyItems(let what, let limit): "more than \(limit) \(what)"
        case .cellOutOfRange(let reference): "cell reference \(reference) out of range"
        case .invalidContent(let part, let detail): "invalid content in \(part): \(detail)"
        case .noWorksheet: "the workbook lists no worksheet"
        }
    }

    /// `text` made safe to show in a message: at most 80 characters of printable ASCII.
    static func quoted<S: StringProtocol>(_ text: S) -> String {
        String(text.unicodeScalars.prefix(80).map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" })
    }
}
