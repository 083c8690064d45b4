import ArgumentParser
import Dispatch
import Foundation
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
        let options = options
        // The database is migrated above; the daemon (and each reload) opens it as it is.
        let daemon = try Daemon(load: { try options.openGateway() }, clock: options.clock)
        // SIGHUP: read the configuration and templates again, as Postfix and Dovecot do.
        signal(SIGHUP, SIG_IGN)
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        hangup.setEventHandler { daemon.reload() }
        hangup.resume()
        let group = ServiceGroup(
            services: daemon.services(), gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [],
            logger: Logger(label: "indigate.lifecycle"))
        try await group.run()
        hangup.cancel()
    }
}
