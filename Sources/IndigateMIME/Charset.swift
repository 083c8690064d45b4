/// Charset conversion through GMime's iconv, for text that does not come in a MIME part
/// (an imported CSV file).
package enum Charset {
    /// `bytes` in `charset` as a String, or nil when the charset is unknown or the bytes are
    /// not valid in it.
    package static func decode(_ bytes: [UInt8], from charset: String) -> String? {
        TextDecoding.convert(bytes, from: charset)
    }
}
