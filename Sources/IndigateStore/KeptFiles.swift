import CFileSyncShim
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
/// Durability: once per call, before the caller goes on to the commit that names them, one `syncfs`
/// of the folder's file system writes and flushes the linked files' data and the folder's new
/// names. An `fdatasync` of each file and a sync of the folder did the same, but each `fdatasync`
/// flushed the device again (ext4 does so even for a file already on disk): on the bench corpus,
/// linking its 4,600 files took 0.87-1.09 s that way, 0.09-0.12 s with a `syncfs` every 200. `syncfs`
/// also writes whatever else is dirty on that file system, so a large writer there (a backup) makes
/// a batch wait for it (docs/deployment.md). When `syncfs` fails, each file is `fdatasync`ed and
/// the folder synced as before, and a file that cannot be is copied instead. A kept file is read
/// back only if its bytes still hash to its name.
struct KeptFiles: Sendable {
    let folder: String
    /// `syncfs(2)`; a test hands in one that fails.
    let syncFileSystem: @Sendable (Int32) -> Int32

    /// The folder of the database at `databasePath`.
    static func folder(of databasePath: String) -> String { databasePath + "-files" }

    init(databasePath: String, syncFileSystem: @escaping @Sendable (Int32) -> Int32 = { indigate_syncfs($0) }) {
        folder = Self.folder(of: databasePath)
        self.syncFileSystem = syncFileSystem
    }

    /// Whether a file is kept under `key`.
    func has(_ key: String) -> Bool {
        guard Self.isDigest(key) else { return false }
        var info = stat()
        return lstat(folder + "/" + key, &info) == 0
    }

    /// Links each file under its key, makes them and the folder durable, and returns the keys
    /// kept (those linked now or before); the others are left for the caller to copy.
    func keep(_ files: [(key: String, file: DeliveredFile)]) -> Set<String> {
        guard !files.isEmpty, makeFolder() else { return [] }
        var kept: Set<String> = []
        var linked: [String] = []
        for (key, file) in files where Self.isDigest(key) {
            let name = folder + "/" + key
            guard link(file.path, name) == 0 else {
                if has(key) { kept.insert(key) }  // kept before (its file may be gone from the Maildir since)
                continue
            }
            var info = stat()
            guard lstat(name, &info) == 0, UInt64(info.st_dev) == file.device, UInt64(info.st_ino) == file.inode else {
                // Another file now has that name (the message was replaced meanwhile): copied instead.
                unlink(name)
                continue
            }
            linked.append(key)
        }
        guard !linked.isEmpty else { return kept }
        if DirectorySync.sync(folder, with: syncFileSystem) { return kept.union(linked) }
        var synced: [String] = []
        for key in linked {
            let name = folder + "/" + key
            let fd = open(name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            let ok = fd >= 0 && fdatasync(fd) == 0
            if fd >= 0 { close(fd) }
            if ok { synced.append(key) } else { unlink(name) }
        }
        guard DirectorySync.sync(folder) else {
            // Not durable: unlinked, so that the blob file takes their bytes (it leaves out keys kept here).
            for key in synced { unlink(folder + "/" + key) }
            return kept
        }
        return kept.union(synced)
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
