import Crypto
import Foundation
import IndigateCore

/// Raw messages kept as the very files they were delivered in: a folder beside the database
/// (`<database>-files`, the owner's only) of hard links to Maildir files, each named by the
/// SHA-256 of its bytes. Copying a round's replies into the blob file wrote half a gigabyte the
/// MDA had just written (the blob file's writes were 14 % of a poll's CPU samples on the bench
/// corpus, most of it the kernel copying pages); a link writes none. Five alternating polls of
/// the bench corpus: 8.78-10.13 s (median 9.02) copying, 7.36-8.51 s (7.92) keeping.
///
/// Only a `DeliveredFile` is kept so — read whole, this user's, mode 0600 or narrower, never
/// written again once delivered (Maildir's rule) — and only when the link names the file that
/// was read (same device and inode); anything else is copied into the blob file as before.
/// Durability: each linked file is `fdatasync`ed (a no-op for a file its MDA synced, as
/// Maildir asks) and the folder synced once per call, before the caller goes on to the commit
/// that names them. A kept file is read back only if its bytes still hash to its name.
struct KeptFiles: Sendable {
    let folder: String

    /// The folder of the database at `databasePath`.
    static func folder(of databasePath: String) -> String { databasePath + "-files" }

    init(databasePath: String) {
        folder = Self.folder(of: databasePath)
    }

    /// Whether a file is kept under `key`.
    func has(_ key: String) -> Bool {
        guard Self.isDigest(key) else { return false }
        var info = stat()
        return lstat(folder + "/" + key, &info) == 0
    }

    /// Links each file under its key, syncs them and the folder, and returns the keys kept
    /// (those linked now or before); the others are left for the caller to copy.
    func keep(_ files: [(key: String, file: DeliveredFile)]) -> Set<String> {
        guard !files.isEmpty, makeFolder() else { return [] }
        var kept: Set<String> = []
        var linked = false
        for (key, file) in files where Self.isDigest(key) {
            let name = folder + "/" + key
            if has(key) {
                kept.insert(key)
                continue
            }
            guard link(file.path, name) == 0 else { continue }
            var info = stat()
            let fd = open(name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0, fstat(fd, &info) == 0, UInt64(info.st_dev) == file.device, UInt64(info.st_ino) == file.inode,
                fdatasync(fd) == 0
            else {
                // Another file now has that name (the message was replaced meanwhile), or it
                // cannot be synced: copied instead.
                if fd >= 0 { close(fd) }
                unlink(name)
                continue
            }
            close(fd)
            kept.insert(key)
            linked = true
        }
        if linked, !DirectorySync.sync(folder) { return [] }
        return kept
    }

    /// The bytes kept under `key`, or nil when none are, or they no longer hash to it.
    func bytes(_ key: String) -> [UInt8]? {
        guard Self.isDigest(key), let data = FileManager.default.contents(atPath: folder + "/" + key) else { return nil }
        let bytes = Array(data)
        return SHA256.hash(data: bytes).hex == key ? bytes : nil
    }

    /// The keys of every kept file (for a backup).
    func keys() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter(Self.isDigest).sorted()
    }

    /// A key that can name a kept file: a SHA-256 in lowercase hex, nothing else.
    static func isDigest(_ key: String) -> Bool {
        key.utf8.count == 64 && key.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private func makeFolder() -> Bool {
        if mkdir(folder, 0o700) == 0 { return DirectorySync.sync((folder as NSString).deletingLastPathComponent) }
        return errno == EEXIST
    }
}
