import Foundation
import IndigateTransport
import Logging
import ServiceLifecycle

/// Watches the IMAP inbox with IDLE and wakes intake the moment a reply arrives, and after each
/// new login, since what came while nothing watched raises no EXISTS (intake still polls every
/// `poll_seconds`, which is all there is when the server offers no IDLE). A server
/// that is away is tried again after `retry`, logged when it starts failing and when it is back.
struct IdleWatcher: Service {
    /// The current installation's idler (a reload brings a new one).
    let idler: @Sendable () -> IMAPIdler?
    let wake: Wake
    let retry: Duration
    let logger: Logger

    func run() async throws {
        logger.info("service started", metadata: ["service": "idle", "on": "IMAP IDLE"])
        defer { logger.info("service stopped", metadata: ["service": "idle"]) }
        var failing: String?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            guard let idler = idler() else { return }
            do {
                let news = try await withGracefulShutdownHandler {
                    try await Blocking.run { try idler.wait(timeout: IMAPIdler.renewal) }
                } onGracefulShutdown: {
                    idler.stop()
                }
                if failing != nil {
                    logger.notice("IMAP IDLE works again")
                    failing = nil
                }
                if news {
                    logger.debug("IMAP IDLE: new mail")
                    wake.signal()
                }
            } catch let error as TransportError where error == .idleUnsupported {
                logger.notice("the IMAP server offers no IDLE: new mail is found by polling", metadata: ["every": "\(retry)"])
                return
            } catch {
                let text = "\(error)"
                if failing != text { logger.error("IMAP IDLE failed", metadata: ["error": "\(text)"]) }
                failing = text
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: retry) }
            }
        }
    }
}
