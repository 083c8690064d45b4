import Foundation

/// The templates rendered so far and those that rendered to nothing: how `indigate check` knows
/// that every letter of a region's edited templates says something.
package final class TemplateUsage: @unchecked Sendable {
    private let lock = NSLock()
    private var rendered: Set<String> = []
    private var empty: Set<String> = []

    func record(_ name: String, empty isEmpty: Bool) {
        lock.lock()
        defer { lock.unlock() }
        rendered.insert(name)
        if isEmpty { empty.insert(name) }
    }

    /// Names rendered at least once, and those that once came out blank.
    package var snapshot: (rendered: Set<String>, empty: Set<String>) {
        lock.lock()
        defer { lock.unlock() }
        return (rendered, empty)
    }
}
