/// The fixed texts of a form, the same for every organisation: stamp labels, column headings, the
/// hint shown beside each kind of answer, the two list words and the validation messages. All
/// supplied by the caller, in the language of the people who fill the form in.
package struct FormWording: Sendable, Equatable {
    /// Labels of the stamp rows above the table.
    package var organisationLabel: String
    package var innLabel: String
    package var roundLabel: String
    package var deadlineLabel: String
    /// Beside the token; should ask people to leave it as it is.
    package var tokenLabel: String
    /// Headings of the table's columns: code, question, hint, value (or part), whole.
    package var codeHeading: String
    package var questionHeading: String
    package var hintHeading: String
    package var valueHeading: String
    package var wholeHeading: String
    /// The hint column's text for each kind of answer; a percentage's part and whole labels follow
    /// its hint on lines of their own.
    package var numberHint: String
    package var yesNoHint: String
    package var percentageHint: String
    /// The two words of a yes/no answer's list.
    package var yes: String
    package var no: String
    /// Validation messages: a whole number, a yes/no, a percentage's part (its error should say that
    /// the part cannot exceed the whole) and its whole.
    package var numberMessages: ValidationMessages
    package var yesNoMessages: ValidationMessages
    package var partMessages: ValidationMessages
    package var wholeMessages: ValidationMessages

    package init(
        organisationLabel: String, innLabel: String, roundLabel: String, deadlineLabel: String, tokenLabel: String,
        codeHeading: String, questionHeading: String, hintHeading: String, valueHeading: String, wholeHeading: String,
        numberHint: String, yesNoHint: String, percentageHint: String, yes: String, no: String,
        numberMessages: ValidationMessages, yesNoMessages: ValidationMessages,
        partMessages: ValidationMessages, wholeMessages: ValidationMessages
    ) {
        self.organisationLabel = organisationLabel
        self.innLabel = innLabel
        self.roundLabel = roundLabel
        self.deadlineLabel = deadlineLabel
        self.tokenLabel = tokenLabel
        self.codeHeading = codeHeading
        self.questionHeading = questionHeading
        self.hintHeading = hintHeading
        self.valueHeading = valueHeading
        self.wholeHeading = wholeHeading
        self.numberHint = numberHint
        self.yesNoHint = yesNoHint
        self.percentageHint = percentageHint
        self.yes = yes
        self.no = no
        self.numberMessages = numberMessages
        self.yesNoMessages = yesNoMessages
        self.partMessages = partMessages
        self.wholeMessages = wholeMessages
    }
}
