/// What an operator can ask for by replying to a review letter.
package enum OperatorCommand: Sendable, Equatable {
    /// Accept these submissions (ids), or every current one the letter replied to listed.
    case accept(Selection)
    /// Reject these submissions with a resolution the school will read.
    case reject(Selection, resolution: String)
    /// Hand quarantined messages back to intake as if their senders were verified.
    case release([Int64])
    /// Close quarantine entries without handling their messages.
    case drop([Int64])
    /// Mail the operator one organisation's standing in the current round (its INN).
    case status(inn: String)
    /// Mail the operator the region's digest; the words after `ОТЧЁТ` (at most
    /// `CommandGrammar.maximumReportWords`) choose it as a coordinator's do.
    case report(words: [String])
    /// Move the current round's deadline to `deadline` (`YYYY-MM-DD`) for the region (no
    /// targets), the organisations of these INNs, or the municipality these words name.
    case extend(deadline: String, targets: [String])

    /// Which submissions a command names.
    package enum Selection: Sendable, Equatable {
        case ids([Int64])
        /// Every submission in the letter replied to, nothing newer.
        case all
    }
}

/// One line of an operator's reply as the command grammar read it.
package struct CommandLine: Sendable, Equatable {
    /// The line as written (with the resolution's continuation lines, for a rejection).
    package var text: String
    /// The command, or why the line is not one.
    package var command: Result<OperatorCommand, CommandProblem>

    package init(text: String, command: Result<OperatorCommand, CommandProblem>) {
        self.text = text
        self.command = command
    }
}

/// Why a line that looks like a command cannot be carried out as written. The transcript
/// explains each in words from the templates (`phrases/command.txt.mustache`).
package enum CommandProblem: Error, Sendable, Equatable {
    /// The verb is known but the numbers are not («ПРИНЯТЬ abc», a range backwards).
    case badNumbers
    /// A rejection without a resolution.
    case missingResolution
    /// More numbers than any review letter holds.
    case tooMany
    /// The line looks like a command but its verb is not one («ПРИНЯТ 10»).
    case unknownVerb
    /// `СТАТУС` without a 10- or 12-digit INN after it.
    case badINN
    /// `ПРОДЛИТЬ` without a date written as ДД.ММ.ГГГГ.
    case badDeadline

    /// The case's name: the key the templates use to pick the explanation.
    package var key: String {
        switch self {
        case .badNumbers: "badNumbers"
        case .missingResolution: "missingResolution"
        case .tooMany: "tooMany"
        case .unknownVerb: "unknownVerb"
        case .badINN: "badINN"
        case .badDeadline: "badDeadline"
        }
    }
}
