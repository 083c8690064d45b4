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
        commandName: "tick", abstract: "One pass of the scheduler.")
    @OptionGroup var options: CommonOptions

    func run() throws {
        let gateway = try options.gateway()
        try Output.json(try gateway.scheduler.tick(now: options.clock()))
    }
}
