/// What an operator can ask for by replying to a review letter.
public enum OperatorCommand: Sendable, Equatable {
    /// Accept these submissions (ids), or every one in the letter replied to.
    case accept(Selection)
    /// Reject these submissions with a resolution the school will read.
    case reject(Selection, resolution: String)
    /// Handle a quarantined message as if its sender were verified.
    case release(Int64)
    /// Close a quarantine entry without handling the message.
    case drop(Int64)

    /// Which submissions a command names.
    public enum Selection: Sendable, Equatable {
        case ids([Int64])
        /// Every submission in the letter replied to, nothing newer.
        case all
    }
}

/// One line of an operator's reply as the command grammar read it.
public struct CommandLine: Sendable, Equatable {
    /// The line as written (with the resolution's continuation lines, for a rejection).
    public var text: String
    /// The command, or why the line is not one.
    public var command: Result<OperatorCommand, CommandProblem>

    public init(text: String, command: Result<OperatorCommand, CommandProblem>) {
        self.text = text
        self.command = command
    }
}

/// Why a line that looks like a command cannot be carried out as written.
public enum CommandProblem: Error, Sendable, Equatable {
    /// The verb is known but the numbers are not («ПРИНЯТЬ abc», a range backwards).
    case badNumbers
    /// A rejection without a resolution.
    case missingResolution
    /// More numbers than any review letter holds.
    case tooMany

    public var russianText: String {
        switch self {
        case .badNumbers: "не понятны номера: пишите их через пробел или запятую, диапазон — через дефис (1042-1050)"
        case .missingResolution: "нужна резолюция: напишите после номера, что исправить, например «ОТКЛОНИТЬ 1043 Уточните информацию»"
        case .tooMany: "слишком много номеров в одной строке (не больше 1000)"
        }
    }
}
