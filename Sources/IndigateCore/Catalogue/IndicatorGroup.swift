/// A group of indicators: one goal of the national project.
public struct IndicatorGroup: Sendable, Equatable {
    /// «1», «2», …
    public var code: String
    /// The goal's name as in the ministry's letter.
    public var title: String
    public var indicators: [Indicator]

    public init(code: String, title: String, indicators: [Indicator]) {
        self.code = code
        self.title = title
        self.indicators = indicators
    }
}
