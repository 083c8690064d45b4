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
    /// Ends the pause before the next pass early (another service has work for this one).
    let wake: Wake
    /// Raised when the daemon is asked to stop: cuts the transfers of a pass in progress.
    let stop: TransferStop
    let pass: @Sendable () throws -> Void

    package init(
        name: String, interval: Duration, logger: Logger, wake: Wake = Wake(), stop: TransferStop,
        pass: @escaping @Sendable () throws -> Void
    ) {
        self.name = name
        self.interval = interval
        self.logger = logger
        self.wake = wake
        self.stop = stop
        self.pass = pass
    }

    package func run() async throws {
        logger.info("service started", metadata: ["service": "\(name)", "every": "\(interval)"])
        // A failure is logged when it starts (or changes), and its end when a pass succeeds
        // again — not on every pass while a server is away.
        var failing: String?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                // Asked to stop mid-pass: transfers to a server that never answers are cut,
                // so the pass ends within moments and its transactions still commit.
                try await withGracefulShutdownHandler {
                    try await Blocking.run(pass)
                } onGracefulShutdown: {
                    stop.raise()
                }
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
                try await wake.sleep(for: interval)
            }
        }
        logger.info("service stopped", metadata: ["service": "\(name)"])
    }
}
