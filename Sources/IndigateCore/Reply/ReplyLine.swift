/// What the reply grammar made of one line of a reply's new text.
public enum ReplyLine: Sendable, Equatable {
    /// A value for a known indicator, well-formed for its type.
    case value(code: String, text: String, value: Value)
    /// A line that starts with an indicator code but cannot be used.
    case invalid(code: String, text: String, problem: ReplyProblem)
    /// Contact details of the person who fills the values.
    case registration(field: RegistrationField, text: String, value: String)

    /// The line as the school wrote it (trimmed).
    public var text: String {
        switch self {
        case .value(_, let text, _), .invalid(_, let text, _), .registration(_, let text, _): text
        }
    }
}

/// A field of the contact person's details, as the portal's registration form asked them.
public enum RegistrationField: String, Sendable, Equatable, CaseIterable {
    case personName
    case position
    case phone
}

/// Why a line that names an indicator could not be used. Each case says what to do.
public enum ReplyProblem: Sendable, Equatable {
    case unknownCode
    case missingValue
    case notAWholeNumber(expected: IndicatorType)
    case negativeNumber
    case notYesNo
    case percentageNeedsTwoNumbers
    case partExceedsWhole
    case wholeIsZero
    case duplicateCode
    case notAssigned
    case locked(nextDataAfter: String)
    case roundClosed

    /// The receipt's explanation, in Russian, of what is wrong and how to fix it.
    public var russianText: String {
        switch self {
        case .unknownCode:
            "такого показателя нет в письме; проверьте код"
        case .missingValue:
            "не указано значение; напишите его после двоеточия"
        case .notAWholeNumber(let type):
            switch type {
            case .percentage: "нужны два целых числа: часть и целое, например «45 / 300»"
            default: "нужно целое число без дробей и единиц измерения, например «125»"
            }
        case .negativeNumber:
            "число не может быть отрицательным"
        case .notYesNo:
            "ответ на этот вопрос — «Да» или «Нет»"
        case .percentageNeedsTwoNumbers:
            "нужны два числа: (1) часть и (2) целое, например «45 / 300» или «45 из 300»"
        case .partExceedsWhole:
            "часть (1) не может быть больше целого (2)"
        case .wholeIsZero:
            "целое (2) должно быть больше нуля"
        case .duplicateCode:
            "значение для этого показателя указано в письме дважды; пришлите одно значение"
        case .notAssigned:
            "этот показатель не запрашивается у вашей организации"
        case .locked(let date):
            "Ввод запрещен: значение уже принято. Новые данные ожидаются после: \(date)"
        case .roundClosed:
            "сейчас нет открытого сбора данных по этому показателю"
        }
    }
}
