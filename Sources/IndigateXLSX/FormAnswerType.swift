/// What an indicator's answer is, which decides its input cells and their validation.
package enum FormAnswerType: Sendable, Equatable {
    /// A whole number ≥ 0, in the value column.
    case number
    /// One of the two words of ``FormWording/yes`` and ``FormWording/no``, from a list, in the value
    /// column.
    case yesNo
    /// A share given as two whole numbers ≥ 0, the part (value column) no greater than the whole
    /// (whole column); the labels say what each counts.
    case percentage(partLabel: String, wholeLabel: String)
}
