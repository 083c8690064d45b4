import Foundation
import IndigateCore

/// Fault injection for the crash-isolation tests, active only with `INDIGATE_FAULTS=1` in the
/// daemon's environment: a message with `X-Indigate-Test-Fault: die-while-handling` kills the
/// process while it is being handled, as a bug in a flow would.
enum FaultInjection {
    static let enabled = ProcessInfo.processInfo.environment["INDIGATE_FAULTS"] == "1"

    static func duringHandling(_ message: ParsedMessage) {
        guard enabled, message.headers["x-indigate-test-fault"] == "die-while-handling" else { return }
        abort()
    }
}
