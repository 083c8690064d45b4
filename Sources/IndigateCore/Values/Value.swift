/// A value a school reported for one indicator.
package enum Value: Sendable, Equatable, Hashable {
    case number(Int)
    case yesNo(Bool)
    /// A part of a whole; the percent is computed from them.
    case percentage(part: Int, whole: Int)

    /// The percent of a percentage value, rounded to one decimal; nil for other kinds. «0 из 0»
    /// (nobody to count) is 0 %, as the seed's rule for «0» answers implies.
    package var percent: Double? {
        guard case .percentage(let part, let whole) = self else { return nil }
        guard whole > 0 else { return 0 }
        return (Double(part) * 1000 / Double(whole)).rounded() / 10
    }

    /// The value as letters print it: «125», «Да», «45 из 300 (15,0 %)».
    package var russianText: String {
        switch self {
        case .number(let n): return String(n)
        case .yesNo(let yes): return yes ? "Да" : "Нет"
        case .percentage(let part, let whole):
            return "\(part) из \(whole) (\(Value.russianDecimal(percent ?? 0)) %)"
        }
    }

    /// One decimal with a comma, as Russian documents write it («15,0»).
    package static func russianDecimal(_ number: Double) -> String {
        let tenths = Int((number * 10).rounded())
        return "\(tenths / 10),\(abs(tenths % 10))"
    }
}
