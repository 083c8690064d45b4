import ArgumentParser

/// `upgrade`: migrates the database to this binary's schema. Only `init`, `upgrade` and `serve`
/// migrate; every other command refuses a database that needs it (and one made by a newer
/// binary), so an MTA's `ingest` never changes the schema behind the daemon's back.
struct UpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade", abstract: "Migrate the database to this version's schema.")
    @OptionGroup var options: CommonOptions

    func run() throws {
        let gateway = try options.gateway(access: .migrate)
        Output.line("database is at this version's schema: \(gateway.config.database)")
    }
}
