import Foundation

/// Remembers which conditions have been reported, so the log says when one starts (and, with
/// `clear`, when it ends), not on every pass.
final class OnceLog: @unchecked Sendable {
    private let lock = NSLock()
    private var said: Set<String> = []

    /// True the first time `key` is asked (until it is cleared).
    func first(_ key: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return said.insert(key).inserted
    }

    /// Forgets `key`; true when it had been said (the condition is over).
    @discardableResult
    func clear(_ key: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return said.remove(key) != nil
    }
}
