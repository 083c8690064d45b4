/// A group of indicators: one goal of the national project.
package struct IndicatorGroup: Sendable, Equatable {
    /// «1», «2», …
    package var code: String
    /// The goal's name as in the ministry's letter.
    package var title: String
    package var indicators: [Indicator]

    package init(code: String, title: String, indicators: [Indicator]) {
        self.code = code
        self.title = title
        self.indicators = indicators
    }
}
