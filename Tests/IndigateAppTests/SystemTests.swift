import Foundation
import Testing

/// Suites that need what `make test` prepares on the machine: the loopback Postfix and Dovecot
/// (scripts/mailstack.sh), root and a tmpfs to fill, Python's email corpus. `swift test` alone
/// skips them and says which and why; `make test` sets `INDIGATE_SYSTEM_TESTS=1`, and then they
/// run and must pass — they never skip themselves there.
enum SystemTests {
    static let enabled = ProcessInfo.processInfo.environment["INDIGATE_SYSTEM_TESTS"] == "1"

    static func needs(_ what: Comment) -> ConditionTrait {
        .enabled(if: enabled, "needs \(what); run `make test`")
    }
}
