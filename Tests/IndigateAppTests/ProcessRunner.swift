import Foundation

/// The built `indigate` binary run as a process: for what needs one (an MTA's pipe and its exit
/// codes, a daemon that crashes).
enum ProcessRunner {
    static let binary = TestInstallation.repository + "/.build/debug/indigate"

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Ended by a signal (abort, a crash) rather than an exit.
        var signaled: Bool
    }

    static func run(_ arguments: [String], stdin: [UInt8] = [], in directory: String, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        // Only the faults a test asks for: other tests of this process may have set theirs.
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("INDIGATE_") }
            .merging(environment) { $1 }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self), signaled: process.terminationReason == .uncaughtSignal)
    }
}
