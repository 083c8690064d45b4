import Foundation
import IndigateTransport
import Logging
import ServiceLifecycle

/// One of the daemon's services: runs a pass (intake, outbox or scheduler) every `interval`
/// until graceful shutdown. A pass in progress finishes (its transactions commit) before the
/// service returns; a failing pass is logged and tried again after the pause, so a mail server
/// or a disk that is away for a while stops nothing.
package struct PassService: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    let pass: @Sendable () throws -> Void

    package init(name: String, interval: Duration, logger: Logger, pass: @escaping @Sendable () throws -> Void) {
        self.name = name
        self.interval = interval
        self.logger = logger
        self.pass = pass
    }

    package func run() async throws {
        logger.info("service started", metadata: ["service": "\(name)", "every": "\(interval)"])
        // A failure is logged when it starts (or changes), and its end when a pass succeeds
        // again — not on every pass while a server is away.
        var failing: String?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await Blocking.run(pass)
                if failing != nil {
                    logger.notice("pass works again", metadata: ["service": "\(name)"])
                    failing = nil
                }
            } catch {
                let text = "\(error)"
                if failing != text { logger.error("pass failed", metadata: ["service": "\(name)", "error": "\(text)"]) }
                failing = text
            }
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: interval)
            }
        }
        logger.info("service stopped", metadata: ["service": "\(name)"])
    }
}

extension Gateway {
    /// The daemon's three services, in start order (ServiceGroup stops them in reverse): intake,
    /// outbox, scheduler.
    package func services(
        inbound source: any InboundSource, outbound transport: any OutboundTransport, clock: @escaping @Sendable () -> Date
    ) -> [any Service] {
        let every = Duration.seconds(config.schedule.pollSeconds)
        let intake = intake
        let sender = sender
        let scheduler = scheduler
        return [
            PassService(name: "intake", interval: every, logger: logger) { _ = try intake.poll(source: source, now: clock()) },
            PassService(name: "outbox", interval: every, logger: logger) {
                _ = try sender.flush(transport: transport, now: clock())
            },
            PassService(name: "scheduler", interval: every, logger: logger) { _ = try scheduler.tick(now: clock()) },
        ]
    }
}
