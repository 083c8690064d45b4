import ArgumentParser
import Foundation
import IndigateApp
import IndigateStore
import Logging

/// Options every subcommand takes.
struct CommonOptions: ParsableArguments {
    @Option(help: "The configuration file.")
    var config = "config/indigate.yaml"

    @Option(help: "A fixed clock for tests, ISO 8601 (2020-09-10T11:00:00+05:00).")
    var now: String?

    @Flag(help: "Log debug details to stderr.")
    var verbose = false

    func validate() throws {
        if let now, Self.parseDate(now) == nil {
            throw ValidationError("--now must be an ISO 8601 date and time, like 2020-09-10T11:00:00+05:00")
        }
    }

    /// The clock: fixed by `--now`, else the system's.
    var clock: @Sendable () -> Date {
        if let fixed = now.flatMap(Self.parseDate) { return { fixed } }
        return { Date() }
    }

    /// This binary, for starting the parse worker.
    static var ownExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// Loads the configuration and opens the gateway; an installation that cannot be used as it
    /// is (the configuration, the database, the templates, the secret) ends the command with
    /// the problem on stderr and exit 78 (EX_CONFIG).
    func gateway(access: Store.Access = .current) throws -> Gateway {
        do {
            return try openGateway(access: access)
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("indigate: \(error)\n".utf8))
            throw ExitCode(78)
        } catch let error as StoreError where error.setup != nil {
            FileHandle.standardError.write(Data("indigate: \(error)\n".utf8))
            throw ExitCode(78)
        }
    }

    /// Loads the configuration and opens the gateway, logging to stderr. Only `init` creates
    /// the database and only `init`, `upgrade` and `serve` migrate it.
    func openGateway(access: Store.Access = .current) throws -> Gateway {
        let level: Logger.Level = verbose ? .debug : .info
        let configuration: IndigateConfig
        do {
            configuration = try ConfigLoader.load(path: config)
        } catch {
            LoggingBootstrap.once(level: level, timeZone: .current)
            throw error
        }
        LoggingBootstrap.once(level: level, timeZone: configuration.timeZone ?? .current)
        var logger = Logger(label: "indigate")
        logger.logLevel = level
        var parsing: (any MessageParsing)?
        if configuration.parser.isolated {
            parsing = ParserPool(
                executable: Self.ownExecutable, workers: configuration.parser.effectiveWorkers,
                memoryMegabytes: configuration.parser.memoryMegabytes, timeout: TimeInterval(configuration.parser.timeoutSeconds),
                limits: configuration.mimeLimits)
        }
        return try Gateway(config: configuration, logger: logger, parsing: parsing, access: access)
    }
}

/// Bootstraps swift-log once per process (a second bootstrap would trap), with lines timed in
/// the region's offset.
enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false
    static func once(level: Logger.Level, timeZone: TimeZone) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = RegionLogHandler(label: label, timeZone: timeZone)
            handler.logLevel = level
            return handler
        }
    }
}
