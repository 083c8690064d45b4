/// One indicator's row of a form: its code, its question and what kind of answer it takes.
package struct FormIndicator: Sendable, Equatable {
    /// The indicator's code as shown, e.g. `1.3`; written as text (so `1.10` stays `1.10`).
    package var code: String
    /// The question, as the caller words it.
    package var question: String
    package var answer: FormAnswerType

    package init(code: String, question: String, answer: FormAnswerType) {
        self.code = code
        self.question = question
        self.answer = answer
    }
}
