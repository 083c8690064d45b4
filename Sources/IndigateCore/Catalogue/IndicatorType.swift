/// How an indicator is answered (the portal's three field kinds).
package enum IndicatorType: String, Sendable, Codable, CaseIterable {
    /// A whole number ≥ 0.
    case numeric
    /// Да or Нет.
    case yesno
    /// Two whole numbers, (1) a part and (2) the whole; the percent is computed, never typed.
    case percentage
}
