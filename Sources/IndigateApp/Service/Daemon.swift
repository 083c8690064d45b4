import Foundation
import IndigateStore
import IndigateTransport
import Logging
import ServiceLifecycle

/// `serve`: the three services — intake, outbox, scheduler — over one installation that a
/// SIGHUP reloads: the configuration and templates are read again and the stages rebuilt, as
/// Postfix and Dovecot reload; a configuration that does not load leaves the running one as it
/// is, and says why.
package final class Daemon: @unchecked Sendable {
    private let lock = NSLock()
    private var installation: (gateway: Gateway, source: any InboundSource, transport: any OutboundTransport)
    private let load: @Sendable () throws -> Gateway
    private let clock: @Sendable () -> Date
    let logger: Logger

    /// - Parameter load: reads the configuration and builds the gateway (at start and on reload).
    package init(load: @escaping @Sendable () throws -> Gateway, clock: @escaping @Sendable () -> Date) throws {
        let gateway = try load()
        self.load = load
        self.clock = clock
        logger = gateway.logger
        installation = (gateway, try gateway.transports.inboundSource(), try gateway.transports.outboundTransport())
    }

    var current: (gateway: Gateway, source: any InboundSource, transport: any OutboundTransport) {
        lock.lock()
        defer { lock.unlock() }
        return installation
    }

    /// Reads the configuration and templates again. Passes in progress finish with what they
    /// started with; the next ones use the new installation.
    package func reload() {
        do {
            let gateway = try load()
            let fresh = (gateway, try gateway.transports.inboundSource(), try gateway.transports.outboundTransport())
            lock.lock()
            installation = fresh
            lock.unlock()
            logger.notice("reloaded the configuration and templates")
        } catch {
            logger.error("reload failed: still running with the previous configuration", metadata: ["error": "\(error)"])
        }
    }

    /// The three services, in start order (ServiceGroup stops them in reverse).
    package func services() -> [any Service] {
        let every = Duration.seconds(current.gateway.config.schedule.pollSeconds)
        let clock = clock
        return [
            PassService(name: "intake", interval: every, logger: logger) { [self] in
                let now = current
                _ = try now.gateway.intake.poll(source: now.source, now: clock())
            },
            PassService(name: "outbox", interval: every, logger: logger) { [self] in
                let now = current
                _ = try now.gateway.sender.flush(transport: now.transport, now: clock())
            },
            PassService(name: "scheduler", interval: every, logger: logger) { [self] in
                _ = try current.gateway.scheduler.tick(now: clock())
            },
        ]
    }
}
