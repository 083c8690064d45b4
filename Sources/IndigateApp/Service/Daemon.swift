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
    private var installation: Installation
    private let load: @Sendable () throws -> Gateway
    private let clock: @Sendable () -> Date
    let logger: Logger
    /// Cuts this daemon's SMTP and IMAP transfers when it is asked to stop.
    let stop = TransferStop()

    /// - Parameter load: reads the configuration and builds the gateway (at start and on reload).
    package init(load: @escaping @Sendable () throws -> Gateway, clock: @escaping @Sendable () -> Date) throws {
        let gateway = try load()
        self.load = load
        self.clock = clock
        logger = gateway.logger
        installation = try Installation(gateway, stop: stop)
    }

    /// One configuration's gateway and its transports.
    struct Installation {
        let gateway: Gateway
        let source: any InboundSource
        let transport: any OutboundTransport
        /// IDLE on the IMAP inbox; nil for a Maildir.
        let idler: IMAPIdler?

        init(_ gateway: Gateway, stop: TransferStop) throws {
            self.gateway = gateway
            source = try gateway.transports.inboundSource(stop: stop)
            transport = try gateway.transports.outboundTransport(stop: stop)
            idler = (source as? IMAPSource).map { IMAPIdler(settings: $0.settings) }
        }
    }

    var current: Installation {
        lock.lock()
        defer { lock.unlock() }
        return installation
    }

    /// Reads the configuration and templates again. Passes in progress finish with what they
    /// started with; the next ones use the new installation.
    package func reload() {
        do {
            let gateway = try load()
            let fresh = try Installation(gateway, stop: stop)
            lock.lock()
            let old = installation
            installation = fresh
            lock.unlock()
            old.idler?.stop()
            logger.notice("reloaded the configuration and templates")
        } catch {
            logger.error("reload failed: still running with the previous configuration", metadata: ["error": "\(error)"])
        }
    }

    /// The services, in start order (ServiceGroup stops them in reverse): intake, outbox and
    /// scheduler passes every `poll_seconds`, and for an IMAP inbox the IDLE watcher that wakes
    /// intake when a reply arrives. Intake wakes the outbox when it took messages, so a receipt
    /// leaves as soon as its reply is recorded; the scheduler wakes it when a tick queued letters
    /// (a round's requests go out at once, not a poll later).
    package func services() -> [any Service] {
        let every = Duration.seconds(current.gateway.config.schedule.pollSeconds)
        let clock = clock
        let intakeWake = Wake()
        let outboxWake = Wake()
        var services: [any Service] = [
            PassService(name: "intake", interval: every, logger: logger, wake: intakeWake, stop: stop) { [self] in
                let now = current
                if try now.gateway.intake.poll(source: now.source, now: clock()).taken > 0 { outboxWake.signal() }
            },
            PassService(name: "outbox", interval: every, logger: logger, wake: outboxWake, stop: stop) { [self] in
                let now = current
                _ = try now.gateway.sender.flush(transport: now.transport, now: clock())
            },
            PassService(name: "scheduler", interval: every, logger: logger, stop: stop) { [self] in
                if try current.gateway.scheduler.tick(now: clock()).queuedLetters { outboxWake.signal() }
            },
        ]
        if current.source is IMAPSource {
            services.append(IdleWatcher(idler: { [self] in current.idler }, wake: intakeWake, retry: every, logger: logger))
        }
        return services
    }
}
