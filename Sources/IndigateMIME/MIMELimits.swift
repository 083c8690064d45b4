/// Bounds checked before and while GMime reads a message, so that a hostile or broken message
/// costs one quarantined message, not the daemon (FIELD-NOTES: GMime 3.2.13 needs 468 MB for
/// 200,000 tiny parts and overflows its stack on `a:` groups repeated in an address header).
package struct MIMELimits: Sendable, Equatable {
    /// The largest message read at all, in bytes.
    package var messageBytes: Int
    /// The largest header block (everything before the first empty line).
    package var headerBytes: Int
    /// The longest single address header (From, To, Cc, …) after unfolding.
    package var addressHeaderBytes: Int
    /// The most colons an address header may hold (each `name:` opens a group in GMime).
    package var addressHeaderColons: Int
    /// The most boundary-like lines (`--…`), a cheap upper bound on the number of parts.
    package var boundaryLines: Int
    /// The most distinct `boundary=` parameters: nesting and multipart count.
    package var boundaries: Int
    /// The deepest nesting of multiparts and attached messages that is walked.
    package var depth: Int
    /// The most leaf parts that are read.
    package var parts: Int

    package init(
        messageBytes: Int = 50 << 20, headerBytes: Int = 256 << 10, addressHeaderBytes: Int = 16 << 10,
        addressHeaderColons: Int = 64, boundaryLines: Int = 4_000, boundaries: Int = 64, depth: Int = 20,
        parts: Int = 500
    ) {
        self.messageBytes = messageBytes
        self.headerBytes = headerBytes
        self.addressHeaderBytes = addressHeaderBytes
        self.addressHeaderColons = addressHeaderColons
        self.boundaryLines = boundaryLines
        self.boundaries = boundaries
        self.depth = depth
        self.parts = parts
    }
}
