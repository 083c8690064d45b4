import ArgumentParser
import IndigateApp

/// `indigate`: the command line of the gateway. Every subcommand takes `--config` and `--now`.
@main
struct Indigate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indigate",
        abstract: "Monthly monitoring of education indicators over plain email.",
        version: IndigateVersion.current,
        subcommands: [
            InitCommand.self, RoundCommand.self, IngestCommand.self, PollCommand.self, FlushCommand.self,
            TickCommand.self, ServeCommand.self, UpgradeCommand.self, BackupCommand.self, RestoreCommand.self, StatusCommand.self, ValuesCommand.self, PreviewCommand.self,
            ReportCommand.self, DigestCommand.self, BenchCommand.self, ReviewCommand.self, OutboxCommand.self,
            QuarantineCommand.self, TokenCommand.self, SecretCommand.self, CheckCommand.self, ConfigCommand.self,
            ParseWorkerCommand.self,
        ])
}
