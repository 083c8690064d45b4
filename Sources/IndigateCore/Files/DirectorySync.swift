import Foundation

/// Makes a folder's entries durable (a file created, renamed or linked into it survives a power
/// loss once this returns true): the Maildir's `new` and `cur`, the archive's kept files.
package enum DirectorySync {
    /// Opens the folder and runs `call` on it: `fsync` (its entries), or the archive's `syncfs`
    /// (its whole file system). False when the folder cannot be opened or the call fails.
    @discardableResult
    package static func sync(_ path: String, with call: (Int32) -> Int32 = { fsync($0) }) -> Bool {
        let fd = open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return call(fd) == 0
    }
}
