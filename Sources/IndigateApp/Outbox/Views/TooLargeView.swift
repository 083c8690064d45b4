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

    /// Megabytes as Russian documents write them: «58», «0,3».
    static func megabytes(_ bytes: Int) -> String {
        let megabytes = Double(bytes) / 1_048_576
        return megabytes >= 10 ? String(Int(megabytes.rounded())) : Value.russianDecimal(megabytes)
    }
}
