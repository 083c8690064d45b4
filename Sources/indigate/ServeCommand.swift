import ArgumentParser
import IndigateApp
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the daemon: poll, flush and tick until SIGTERM or SIGINT.")
    @OptionGroup var options: CommonOptions

    func run() async throws {
        let gateway = try options.gateway()
        let daemon = DaemonService(
            gateway: gateway, inbound: try gateway.inboundSource(), outbound: try gateway.outboundTransport(),
            clock: options.clock)
        let group = ServiceGroup(
            services: [daemon], gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [],
            logger: Logger(label: "indigate.lifecycle"))
        try await group.run()
    }
}
