import ArgumentParser
import IndigateApp
import IndigateMIME

/// The isolated parser's process: started by the daemon, not by people.
struct ParseWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse-worker", abstract: "Parse messages framed on stdin (used by the daemon).",
        shouldDisplay: false)

    @Option(help: "Address-space limit in megabytes.") var memoryMb = 2048
    @Option(help: "The largest message parsed, in bytes.") var messageBytes = 50 << 20

    func run() throws {
        ParseWorker.limitMemory(megabytes: memoryMb)
        ParseWorker.serve(input: 0, output: 1, limits: MIMELimits(messageBytes: messageBytes))
    }
}
