import IndigateCore
import CQPDF

/// The most a stream can decode to, from its dictionary alone: its `/Length` times the largest
/// expansion each of its filters allows. qpdf cannot stop a decode once it has begun (see
/// ``QPDFDocument/checkStreams(_:budget:)``), so only streams whose worst case is small enough
/// are decoded at all.
enum StreamCost {
    /// Streams that may decode to more than this (256 MiB, about a second of qpdf's inflating)
    /// are not decoded: a Flate stream over 254 KB, an LZW one over 64 KB, Flate in Flate over
    /// 246 bytes. Content streams and fonts are mostly under that; large images are not.
    static let maxDecodedBytes = 256 << 20

    /// Worst-case expansion of one filter: Deflate 1032:1 (its format's limit), LZW one code of
    /// 9 bits for up to 4,096 bytes, RunLength 2 bytes for 128, ASCII85 `z` for 4 zero bytes.
    /// The rest shrink their input or are not decoded by the check (DCT, JPX, JBIG2, CCITT).
    private static func expansion(_ filter: String) -> Int {
        switch filter {
        case "/FlateDecode", "/Fl": 1032
        case "/LZWDecode", "/LZW": 4096
        case "/RunLengthDecode", "/RL": 64
        case "/ASCII85Decode", "/A85": 4
        default: 1
        }
    }

    /// The worst-case decoded size of the stream whose dictionary this is, or `nil` when its
    /// `/Length` is not a non-negative integer. Borrows `dictionary`.
    static func worstCase(of dictionary: qpdf_oh, reader: QPDFObjectReader) -> Int? {
        let lengthValue = reader.value(dictionary, key: "/Length")
        let length = reader.integer(lengthValue)
        reader.release(lengthValue)
        guard let length, length >= 0 else { return nil }
        var total = Int(clamping: length)
        for filter in filters(of: dictionary, reader: reader) {
            let (product, overflow) = total.multipliedReportingOverflow(by: expansion(filter))
            total = overflow ? .max : product
        }
        return total
    }

    /// The names in `/Filter`: one name, or an array of names (a reference resolves either way).
    private static func filters(of dictionary: qpdf_oh, reader: QPDFObjectReader) -> [String] {
        let filter = reader.value(dictionary, key: "/Filter")
        defer { reader.release(filter) }
        if let name = reader.name(filter) { return [name] }
        guard reader.type(filter) == ot_array else { return [] }
        return (0..<min(reader.count(filter), 64)).map { index in
            let item = reader.item(filter, index)
            defer { reader.release(item) }
            return reader.name(item) ?? ""
        }
    }
}
