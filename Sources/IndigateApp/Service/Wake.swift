import Foundation

/// A nudge between the daemon's services: intake wakes the outbox when it has queued answers,
/// and IMAP IDLE wakes intake when a reply has arrived, so neither waits out its interval.
package final class Wake: @unchecked Sendable {
    private let lock = NSLock()
    private var signalled = false

    package init() {}

    package func signal() {
        lock.lock()
        signalled = true
        lock.unlock()
    }

    /// Whether a signal came since the last call; clears it.
    func take() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let was = signalled
        signalled = false
        return was
    }

    /// Sleeps for `interval`, or less when signalled (looked at every 50 ms).
    func sleep(for interval: Duration) async throws {
        let end = ContinuousClock.now + interval
        while ContinuousClock.now < end {
            if take() { return }
            try await Task.sleep(for: min(.milliseconds(50), end - ContinuousClock.now))
        }
    }
}
