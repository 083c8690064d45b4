import Foundation

/// Makes a folder's entries durable (a file created, renamed or linked into it survives a power
/// loss once this returns true): the Maildir's `new` and `cur`, the archive's kept files.
package enum DirectorySync {
    @discardableResult
    package static func sync(_ path: String) -> Bool {
        let fd = open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return fsync(fd) == 0
    }
}
