import ArgumentParser
import Foundation
import IndigateApp
import Logging

/// `check`, as `postfix check`: the configuration (unknown keys, YAML errors with their line),
/// the files and their modes, every template on sample data, and the mail servers. Exit 0 when
/// nothing is an error (warnings are printed), 1 when something is.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the configuration, files, templates and mail servers; change nothing.")
    @OptionGroup var options: CommonOptions
    @Flag(help: "Leave the mail servers alone.") var offline = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        LoggingBootstrap.once(level: .critical, timeZone: .current)
        var findings: [CheckFinding]
        do {
            let config = try ConfigLoader.load(path: options.config)
            findings = InstallationCheck(config: config, configPath: options.config, logger: Logger(label: "indigate.check"))
                .run(servers: !offline)
        } catch {
            findings = [CheckFinding(level: .error, subject: "configuration", text: "\(error)")]
        }
        if json {
            try Output.json(findings)
        } else {
            for finding in findings { Output.line(finding.line) }
        }
        if findings.contains(where: { $0.level == .error }) { throw ExitCode(1) }
    }
}

/// `config show`, as `postconf -n`: the configuration as the program runs it, with every path
/// resolved and every default written in.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "The effective configuration.", subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the configuration with paths resolved and defaults filled in.")
        @OptionGroup var options: CommonOptions

        func run() throws {
            do {
                let config = try ConfigLoader.load(path: options.config)
                Output.line("# \(options.config), as indigate \(IndigateVersion.current) reads it")
                Output.bytes(Array(try config.effectiveYAML().utf8))
            } catch let error as ConfigError {
                FileHandle.standardError.write(Data("indigate: \(error)\n".utf8))
                throw ExitCode(78)
            }
        }
    }
}
