/// Bounds on what the parser looks at, so a hostile message cannot make it walk forever.
public enum MIMELimits {
    /// The deepest nesting of multiparts and attached messages that is read.
    public static let maximumDepth = 20
    /// The most leaf parts that are read.
    public static let maximumParts = 500
}
