import Crypto
import Foundation
import GRDB
import IndigateCore
import Testing

@testable import IndigateStore

/// A raw message read whole from a Maildir file of our own is kept as that file (a hard link
/// under its SHA-256), not copied into the blob file; read back only while its bytes still
/// hash to that name; carried by backups like any blob.
@Suite struct KeptFilesTests {
    let fixture: StoreFixture
    let raw = Array("From: school5@school.test\r\nSubject: Re\r\n\r\n1.1: 125\r\n".utf8)

    init() throws {
        fixture = try StoreFixture()
    }

    var key: String { SHA256.hash(data: raw).hex }
    var delivered: String { fixture.directory.path + "/delivered" }

    /// Writes `raw` as a delivered message (mode 0600) and describes it as Maildir reading does.
    func deliver() throws -> DeliveredFile {
        #expect(FileManager.default.createFile(atPath: delivered, contents: Data(raw), attributes: [.posixPermissions: 0o600]))
        var info = stat()
        #expect(stat(delivered, &info) == 0)
        return DeliveredFile(path: delivered, device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    func archive() throws -> Int64 {
        try fixture.store.write { [raw, key] db in
            guard case .new(let inbound) = try db.archive(raw: raw, sha256: key, source: "maildir:1", at: StoreFixture.now) else {
                throw StoreError(operation: "archive", message: "not new")
            }
            return inbound
        }
    }

    func blobCount(at path: String) throws -> Int {
        try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM blob") ?? -1 }
    }

    @Test func aDeliveredFileIsKeptAsItIsAndReadBackByItsRow() throws {
        let file = try deliver()
        #expect(fixture.store.keepAhead([(key, file)]) == [key])
        let inbound = try archive()
        #expect(try blobCount(at: BlobStore.path(of: fixture.path)) == 0, "no byte copied into the blob file")
        var kept = stat()
        #expect(stat(KeptFiles.folder(of: fixture.path) + "/" + key, &kept) == 0)
        #expect(UInt64(kept.st_ino) == file.inode && kept.st_nlink == 2, "the delivered file itself, linked")
        var folder = stat()
        #expect(stat(KeptFiles.folder(of: fixture.path), &folder) == 0 && folder.st_mode & 0o777 == 0o700)
        try FileManager.default.removeItem(atPath: delivered)
        #expect(try fixture.store.read { try $0.inbound(id: inbound)?.raw } == raw, "still there once the mailbox drops it")
        #expect(fixture.store.keepAhead([(key, file)]) == [key], "kept already: nothing to link")
    }

    @Test func aKeptFileThatChangedIsNotTakenForTheMessage() throws {
        let file = try deliver()
        _ = fixture.store.keepAhead([(key, file)])
        let inbound = try archive()
        // Written in place, against Maildir's rule: the archive must not hand out other bytes.
        let handle = try #require(FileHandle(forWritingAtPath: delivered))
        try handle.write(contentsOf: Data("X".utf8))
        try handle.close()
        #expect(throws: StoreError.self) { try fixture.store.read { try $0.inbound(id: inbound) } }
    }

    @Test func onlyTheFileThatWasReadIsKept() throws {
        var file = try deliver()
        file.inode += 1
        #expect(fixture.store.keepAhead([(key, file)]).isEmpty, "another file has that name now")
        #expect(fixture.store.keepAhead([("too-large:\(key):9", try deliver())]).isEmpty, "a key that is not a digest")
        let left = try FileManager.default.contentsOfDirectory(atPath: KeptFiles.folder(of: fixture.path))
        #expect(left.isEmpty)
        _ = try archive()
        #expect(try blobCount(at: BlobStore.path(of: fixture.path)) == 1, "copied as before")
    }

    @Test func aBackupCarriesKeptFiles() throws {
        _ = fixture.store.keepAhead([(key, try deliver())])
        let inbound = try archive()
        let backup = fixture.directory.path + "/backup.indigate"
        try fixture.store.backup(to: backup, extras: [:])
        let restoredPath = fixture.directory.path + "/restored/indigate.sqlite"
        _ = try Store.restore(from: backup, to: restoredPath)
        #expect(try blobCount(at: BlobStore.path(of: restoredPath)) == 1, "restored into the blob file")
        let restored = try Store(path: restoredPath, access: .current)
        #expect(try restored.read { try $0.inbound(id: inbound)?.raw } == raw)
    }

    /// Every file a call links is made durable by one `syncfs`; when that fails, each file is
    /// `fdatasync`ed (and the folder synced) and kept all the same.
    @Test func oneFileSystemSyncACallAndEachFileSyncedWhenItFails() throws {
        let other = Array("From: school6@school.test\r\n\r\n1.1: 7\r\n".utf8)
        let otherPath = fixture.directory.path + "/other"
        #expect(FileManager.default.createFile(atPath: otherPath, contents: Data(other), attributes: [.posixPermissions: 0o600]))
        var info = stat()
        #expect(stat(otherPath, &info) == 0)
        let otherFile = DeliveredFile(path: otherPath, device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        let otherKey = SHA256.hash(data: other).hex

        let calls = SyncCalls()
        let files = KeptFiles(databasePath: fixture.path) { calls.record($0) }
        #expect(files.keep([(key, try deliver()), (otherKey, otherFile)]) == [key, otherKey])
        #expect(calls.count == 1, "one sync for both")
        #expect(files.keep([(key, try deliver())]) == [key] && calls.count == 1, "kept before: no sync")

        let failing = KeptFiles(databasePath: fixture.path + ".2") { calls.record($0, failing: true) }
        #expect(failing.keep([(key, try deliver()), (otherKey, otherFile)]) == [key, otherKey], "synced file by file")
        #expect(calls.count == 2)
        #expect(failing.bytes(otherKey) == other)
    }
}

/// Counts the `syncfs` calls a test's `KeptFiles` makes; a failing one sets EIO.
final class SyncCalls: @unchecked Sendable {
    private let lock = NSLock()
    private var calls = 0

    var count: Int { lock.withLock { calls } }

    func record(_ fd: Int32, failing: Bool = false) -> Int32 {
        lock.withLock { calls += 1 }
        var info = stat()
        #expect(fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR, "the folder")
        if failing {
            errno = EIO
            return -1
        }
        return 0
    }
}
