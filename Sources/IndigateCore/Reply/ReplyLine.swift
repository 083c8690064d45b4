/// What the reply grammar made of one line of a reply's new text.
package enum ReplyLine: Sendable, Equatable {
    /// A value for a known indicator, well-formed for its type.
    case value(code: String, text: String, value: Value)
    /// A line that starts with an indicator code but cannot be used.
    case invalid(code: String, text: String, problem: ReplyProblem)
    /// Contact details of the person who fills the values.
    case registration(field: RegistrationField, text: String, value: String)

    /// The line as the school wrote it (trimmed).
    package var text: String {
        switch self {
        case .value(_, let text, _), .invalid(_, let text, _), .registration(_, let text, _): text
        }
    }
}

/// A field of the contact person's details, as the portal's registration form asked them.
package enum RegistrationField: String, Sendable, Equatable, CaseIterable {
    case personName
    case position
    case phone
}

/// Why a line that names an indicator could not be used. The receipt explains each case in
/// words from the templates (`mailtemplates/phrases/problem.txt.mustache`).
package enum ReplyProblem: Sendable, Equatable {
    case unknownCode
    case missingValue
    case notAWholeNumber(expected: IndicatorType)
    case negativeNumber
    case notYesNo
    case percentageNeedsTwoNumbers
    case partExceedsWhole
    case duplicateCode
    case notAssigned
    /// The value was accepted and input is closed until the next-data date (`YYYY-MM-DD`).
    case locked(nextDataAfter: String)

    /// The case's name: the key the templates use to pick the explanation.
    package var key: String {
        switch self {
        case .unknownCode: "unknownCode"
        case .missingValue: "missingValue"
        case .notAWholeNumber: "notAWholeNumber"
        case .negativeNumber: "negativeNumber"
        case .notYesNo: "notYesNo"
        case .percentageNeedsTwoNumbers: "percentageNeedsTwoNumbers"
        case .partExceedsWhole: "partExceedsWhole"
        case .duplicateCode: "duplicateCode"
        case .notAssigned: "notAssigned"
        case .locked: "locked"
        }
    }
}
