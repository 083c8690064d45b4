/// A value a school reported for one indicator.
public enum Value: Sendable, Equatable, Hashable {
    case number(Int)
    case yesNo(Bool)
    /// A part of a whole; the percent is computed from them.
    case percentage(part: Int, whole: Int)

    /// The percent of a percentage value, rounded to one decimal; nil for other kinds.
    public var percent: Double? {
        guard case .percentage(let part, let whole) = self, whole > 0 else { return nil }
        return (Double(part) * 1000 / Double(whole)).rounded() / 10
    }

    /// The value as letters print it: «125», «Да», «45 из 300 (15,0 %)».
    public var russianText: String {
        switch self {
        case .number(let n): return String(n)
        case .yesNo(let yes): return yes ? "Да" : "Нет"
        case .percentage(let part, let whole):
            let percentText = percent.map { Value.russianDecimal($0) } ?? "—"
            return "\(part) из \(whole) (\(percentText) %)"
        }
    }

    /// One decimal with a comma, as Russian documents write it («15,0»).
    public static func russianDecimal(_ number: Double) -> String {
        let tenths = Int((number * 10).rounded())
        return "\(tenths / 10),\(abs(tenths % 10))"
    }
}
