/// Russian agreement of a noun with a number: 1 значение, 2 значения, 5 значений, 21 значение,
/// 11 значений. The words themselves live in the templates; this picks which one.
package enum RussianPlural: String, Sendable, CaseIterable {
    /// 1, 21, 101 …
    case one
    /// 2–4, 22–24 …
    case few
    /// 0, 5–20, 25–30, 11–14 …
    case many

    package init(_ number: Int) {
        let n = abs(number)
        let lastTwo = n % 100
        let last = n % 10
        if (11...14).contains(lastTwo) {
            self = .many
        } else if last == 1 {
            self = .one
        } else if (2...4).contains(last) {
            self = .few
        } else {
            self = .many
        }
    }

    /// A template context for a count: `{"n": 4, "few": true}`, so a template writes
    /// `{{n}} {{#one}}значение{{/one}}{{#few}}значения{{/few}}{{#many}}значений{{/many}}`.
    package static func context(_ number: Int) -> [String: Any] {
        ["n": number, RussianPlural(number).rawValue: true]
    }
}
