import ArgumentParser
import Foundation

@testable import indigate

/// Runs a command of the CLI in this process, as `indigate ARGUMENTS` would, and returns what
/// it printed; a thrown error is the command's failure (its message as the CLI prints it).
enum CommandRunner {
    struct Result {
        var output: String
        var error: String?
        var exitCode: Int32
    }

    static func run(_ arguments: [String]) -> Result {
        let sink = Output.Sink(capturing: true)
        do {
            var command = try Indigate.parseAsRoot(arguments)
            try Output.$sink.withValue(sink) { try command.run() }
            return Result(output: sink.text, error: nil, exitCode: 0)
        } catch {
            return Result(
                output: sink.text, error: Indigate.fullMessage(for: error), exitCode: Indigate.exitCode(for: error).rawValue)
        }
    }
}
