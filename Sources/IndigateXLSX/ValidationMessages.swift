/// The two messages of one input cell's data validation: the note shown when the cell is selected,
/// and the error shown when a value is refused. Excel's limits: titles 32 characters, messages 255.
package struct ValidationMessages: Sendable, Equatable {
    package var inputTitle: String
    package var inputMessage: String
    package var errorTitle: String
    package var errorMessage: String

    package init(inputTitle: String, inputMessage: String, errorTitle: String, errorMessage: String) {
        self.inputTitle = inputTitle
        self.inputMessage = inputMessage
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
    }
}
