import Foundation
import IndigateTransport
import Logging
import ServiceLifecycle

/// The daemon: poll, flush and tick in a loop until graceful shutdown. A pass in progress
/// finishes (its transactions commit) before the service returns; a failing pass is logged and
/// retried after the pause, so a mail server or disk that is away for a while stops nothing.
public struct DaemonService: Service {
    let gateway: Gateway
    let inbound: any InboundSource
    let outbound: any OutboundTransport
    let clock: @Sendable () -> Date

    public init(
        gateway: Gateway, inbound: any InboundSource, outbound: any OutboundTransport,
        clock: @escaping @Sendable () -> Date
    ) {
        self.gateway = gateway
        self.inbound = inbound
        self.outbound = outbound
        self.clock = clock
    }

    public func run() async throws {
        let logger = gateway.logger
        logger.info("serving", metadata: ["every": "\(gateway.config.schedule.pollSeconds)s"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            pass(logger: logger)
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .seconds(gateway.config.schedule.pollSeconds))
            }
        }
        logger.info("stopped")
    }

    /// One pass: each step on its own, so a failure of one does not skip the others.
    public func pass(logger: Logger) {
        do { _ = try gateway.tick(now: clock()) } catch { logger.error("tick failed", metadata: ["error": "\(error)"]) }
        do { _ = try gateway.poll(source: inbound, now: clock()) } catch {
            logger.error("poll failed", metadata: ["error": "\(error)"])
        }
        do { _ = try gateway.flush(transport: outbound, now: clock()) } catch {
            logger.error("flush failed", metadata: ["error": "\(error)"])
        }
    }
}
