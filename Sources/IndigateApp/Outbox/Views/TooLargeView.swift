import IndigateCore

/// Tells a registered sender that their message was over the size limit: nothing of it was
/// recorded, and how to send it.
struct TooLargeView: Letter {
    static let template = "toolarge"

    var subject: String
    var size: Int
    var limit: Int

    var context: [String: Any] {
        [
            "subject": QuotedText.quote(subject, limit: 120), "hasSubject": !subject.isEmpty,
            "megabytes": Self.megabytes(size), "limitMegabytes": Self.megabytes(limit),
        ]
    }

    /// Whole megabytes, rounded up: «58».
    static func megabytes(_ bytes: Int) -> Int { (bytes + (1 << 20) - 1) >> 20 }
}
