import Foundation

/// Fresh folders under the temporary directory for throwaway installations (the tests', the
/// micro benchmarks'), removed when the process exits: a whole test run made ~200 of them
/// (667 MB) and nothing removed them. Set `INDIGATE_KEEP_TEST_DIRS=1` to keep them for looking
/// into a failure. Removed at exit rather than when a value goes: installations are values
/// copied into scenarios, and a test may use a folder after dropping the installation that
/// made it.
package enum ScratchFolders {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var made: [String] = []
    private static let removal: Void = {
        if ProcessInfo.processInfo.environment["INDIGATE_KEEP_TEST_DIRS"] == nil { atexit { ScratchFolders.removeAll() } }
    }()

    /// A new path under the temporary directory, `<prefix>-<UUID>`, removed at exit (not created).
    package static func path(_ prefix: String) -> String {
        _ = removal
        let path = FileManager.default.temporaryDirectory.path + "/" + prefix + "-" + UUID().uuidString
        lock.withLock { made.append(path) }
        return path
    }

    private static func removeAll() {
        let paths = lock.withLock { made }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }
}
