import ArgumentParser

struct PollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll", abstract: "One pass over the inbound transport.")
    @OptionGroup var options: CommonOptions

    func run() throws {
        let gateway = try options.gateway()
        try Output.json(try gateway.poll(source: try gateway.inboundSource(), now: options.clock()))
    }
}

struct FlushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flush", abstract: "One pass over the outbox.")
    @OptionGroup var options: CommonOptions

    func run() throws {
        let gateway = try options.gateway()
        try Output.json(try gateway.flush(transport: try gateway.outboundTransport(), now: options.clock()))
    }
}

struct TickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick", abstract: "One pass of the scheduler.")
    @OptionGroup var options: CommonOptions

    func run() throws {
        let gateway = try options.gateway()
        try Output.json(try gateway.tick(now: options.clock()))
    }
}
