import CCurlShim

/// A stop for the SMTP and IMAP transfers of one daemon: once `raise()` is called, every
/// transfer in progress through transports built with it ends at once
/// (CURLE_ABORTED_BY_CALLBACK), and every later one fails before it starts. Scoped to whoever
/// holds it, not to the process: a second daemon (or a test) in the same process is untouched.
package final class TransferStop: @unchecked Sendable, Equatable {
    /// Read by libcurl's progress callback on the transfer's thread; written atomically.
    let flag: UnsafeMutablePointer<Int32>

    package init() {
        flag = .allocate(capacity: 1)
        flag.initialize(to: 0)
    }

    deinit { flag.deallocate() }

    /// Stops every transfer in progress and every later one. Never undone.
    package func raise() { indigate_flag_raise(flag) }

    package var isRaised: Bool { indigate_flag_is_raised(flag) != 0 }

    package static func == (lhs: TransferStop, rhs: TransferStop) -> Bool { lhs === rhs }
}
