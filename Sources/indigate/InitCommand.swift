import ArgumentParser

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or migrate the database and load the catalogue and organisations (idempotent).")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let gateway = try options.gateway(access: .create)
        let summary = try gateway.setup.run(now: options.clock())
        try Output.json(summary)
    }
}
