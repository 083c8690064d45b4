import ArgumentParser
import IndigateApp
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the daemon: intake, outbox and scheduler services until SIGTERM or SIGINT.")
    @OptionGroup var options: CommonOptions
    @Flag(help: "Say what the first pass would send, change nothing, and exit.")
    var dryRun = false

    func run() async throws {
        let gateway = try options.gateway(access: .migrate)
        if dryRun {
            for line in try gateway.admin.dryRun(gateway.config, now: options.clock()).lines { Output.line(line) }
            return
        }
        // Before the first letter ever sent, say what is about to go out.
        if try gateway.admin.status().outbox.isEmpty {
            for line in try gateway.admin.dryRun(gateway.config, now: options.clock()).lines {
                gateway.logger.notice("first start: \(line)")
            }
        }
        let services = gateway.services(
            inbound: try gateway.transports.inboundSource(), outbound: try gateway.transports.outboundTransport(),
            clock: options.clock)
        let group = ServiceGroup(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [],
            logger: Logger(label: "indigate.lifecycle"))
        try await group.run()
    }
}
