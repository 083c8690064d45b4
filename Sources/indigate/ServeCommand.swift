import ArgumentParser
import IndigateApp
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the daemon: intake, outbox and scheduler services until SIGTERM or SIGINT.")
    @OptionGroup var options: CommonOptions

    func run() async throws {
        let gateway = try options.gateway(access: .migrate)
        let services = gateway.services(
            inbound: try gateway.transports.inboundSource(), outbound: try gateway.transports.outboundTransport(),
            clock: options.clock)
        let group = ServiceGroup(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [],
            logger: Logger(label: "indigate.lifecycle"))
        try await group.run()
    }
}
