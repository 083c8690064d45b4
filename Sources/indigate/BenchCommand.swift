import ArgumentParser
import Foundation
import IndigateApp

/// `make bench`: speed measurements, not tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure: reports over a generated region.", shouldDisplay: false)

    @Option(help: "Organisations in the generated region.") var organizations = 2300
    @Option(help: "Indicators per organisation.") var indicators = 14
    @Option(help: "Rounds of history.") var rounds = 24

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.path + "/indigate-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer {
            if ProcessInfo.processInfo.environment["INDIGATE_BENCH_KEEP"] == nil {
                try? FileManager.default.removeItem(atPath: directory)
            } else {
                print("kept \(directory)")
            }
        }
        _ = try ReportBenchmark.run(
            directory: directory, organizations: organizations, indicators: indicators, rounds: rounds
        ) { print($0) }
    }
}
