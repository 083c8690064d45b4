/// One line of `indigate check`: what was looked at, and how it stands.
package struct CheckFinding: Sendable, Equatable, Codable {
    package enum Level: String, Sendable, Codable {
        case ok, warning, error
    }

    package var level: Level
    package var subject: String
    package var text: String

    package init(level: Level, subject: String, text: String) {
        self.level = level
        self.subject = subject
        self.text = text
    }

    static func ok(_ subject: String, _ text: String) -> CheckFinding { CheckFinding(level: .ok, subject: subject, text: text) }
    static func warning(_ subject: String, _ text: String) -> CheckFinding {
        CheckFinding(level: .warning, subject: subject, text: text)
    }
    static func error(_ subject: String, _ text: String) -> CheckFinding {
        CheckFinding(level: .error, subject: subject, text: text)
    }

    /// As `indigate check` prints it.
    package var line: String {
        level.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + subject + ": " + text
    }
}
