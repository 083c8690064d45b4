import IndigateCore

/// Fresh directories for the tests, removed when the test process exits (see `ScratchFolders`).
enum TestDirectories {
    /// A new path under the temporary directory, `<prefix>-<UUID>`, removed at exit (not created).
    static func path(_ prefix: String) -> String { ScratchFolders.path(prefix) }
}
