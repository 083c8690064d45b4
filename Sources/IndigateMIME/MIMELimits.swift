/// Bounds checked before and while GMime reads a message, so that a hostile or broken message
/// costs one quarantined message, not the daemon (FIELD-NOTES: GMime 3.2.13 needs 468 MB for
/// 200,000 tiny parts and overflows its stack on `a:` groups repeated in an address header).
public struct MIMELimits: Sendable, Equatable {
    /// The largest message read at all, in bytes.
    public var messageBytes: Int
    /// The largest header block (everything before the first empty line).
    public var headerBytes: Int
    /// The longest single address header (From, To, Cc, …) after unfolding.
    public var addressHeaderBytes: Int
    /// The most colons an address header may hold (each `name:` opens a group in GMime).
    public var addressHeaderColons: Int
    /// The most boundary-like lines (`--…`), a cheap upper bound on the number of parts.
    public var boundaryLines: Int
    /// The most distinct `boundary=` parameters: nesting and multipart count.
    public var boundaries: Int
    /// The deepest nesting of multiparts and attached messages that is walked.
    public var depth: Int
    /// The most leaf parts that are read.
    public var parts: Int

    public init(
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
