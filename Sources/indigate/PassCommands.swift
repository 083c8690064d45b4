import ArgumentParser

struct PollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll", abstract: "One pass over the inbound transport.")
    @OptionGroup var options: CommonOptions

    func run() throws {
        let gateway = try options.gateway()
        try Output.json(try gateway.intake.poll(source: try gateway.transports.inboundSource(), now: options.clock()))
    }
}

struct FlushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flush", abstract: "One pass over the outbox.")
    @OptionGroup var options: CommonOptions

    func run() throws {
        let gateway = try options.gateway()
        try Output.json(try gateway.sender.flush(transport: try gateway.transports.outboundTransport(), now: options.clock()))
    }
}

struct TickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick", abstract: "One pass of the scheduler: open the month's round, review letters, reminders, digests.")
    @OptionGroup var options: CommonOptions
    @Flag(help: "Say what the pass would send, and change nothing (it runs on a copy of the database).")
    var dryRun = false

    func run() throws {
        let gateway = try options.gateway()
        if dryRun {
            for line in try gateway.admin.dryRun(gateway.config, now: options.clock()).lines { Output.line(line) }
        } else {
            try Output.json(try gateway.scheduler.tick(now: options.clock()))
        }
    }
}
