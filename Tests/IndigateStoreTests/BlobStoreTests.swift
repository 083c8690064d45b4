import Foundation
import GRDB
import IndigateCore
import Testing

@testable import IndigateStore

/// Raw mail and documents live in the blob file beside the database, committed before the rows
/// that name them; older databases have theirs moved there on upgrade; backups carry them.
@Suite struct BlobStoreTests {
    let fixture: StoreFixture
    let raw = Array("From: school5@school.test\r\nSubject: Re\r\n\r\n1.1: 125\r\n".utf8)
    let pdf = Array("%PDF-1.4\n%%EOF\n".utf8)

    init() throws {
        fixture = try StoreFixture()
    }

    var blobPath: String { BlobStore.path(of: fixture.path) }

    func blobKeys(at path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT key FROM blob ORDER BY key") }
    }

    /// An archived message and a document: their ids.
    func archiveBoth() throws -> (inbound: Int64, document: Int64) {
        let seed = try fixture.seeded()
        return try fixture.store.write { [raw, pdf] db in
            guard case .new(let inbound) = try db.archive(raw: raw, sha256: "raw-key", source: "t", at: StoreFixture.now) else {
                throw StoreError(operation: "archive", message: "not new")
            }
            let document = try db.addDocument(
                bytes: pdf, sha256: "pdf-key", fileName: "1.1.pdf", inboundID: inbound, organizationID: seed.organizationID,
                indicatorCode: "1.1", roundID: seed.roundID, at: StoreFixture.now)
            return (inbound, document)
        }
    }

    @Test func bytesGoToTheBlobFileAndComeBackByTheirRows() throws {
        let ids = try archiveBoth()
        #expect(try blobKeys(at: blobPath) == ["pdf-key", "raw-key"])
        let inMain = try fixture.store.read { tx in
            try Int.fetchOne(tx.db, sql: "SELECT (SELECT count(*) FROM inboundRaw) + (SELECT count(*) FROM documentBytes)")
        }
        #expect(inMain == 0, "nothing written twice")
        #expect(try fixture.store.read { try $0.inbound(id: ids.inbound)?.raw } == raw)
        #expect(try fixture.store.read { try $0.document(id: ids.document)?.bytes } == pdf)
        var info = stat()
        #expect(stat(blobPath, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let pageSize = try DatabaseQueue(path: blobPath).read { try Int.fetchOne($0, sql: "PRAGMA page_size") }
        #expect(pageSize == BlobStore.pageSize && BlobStore.pageSize > 4096, "a blob's pages written in fewer pieces")
    }

    @Test func bytesStoredAheadAreFoundByTheArchive() throws {
        try fixture.store.storeAhead([("raw-key", raw)])
        #expect(try blobKeys(at: blobPath) == ["raw-key"], "committed before any row names them")
        let ids = try archiveBoth()
        #expect(try blobKeys(at: blobPath) == ["pdf-key", "raw-key"], "stored once")
        #expect(try fixture.store.read { try $0.inbound(id: ids.inbound)?.raw } == raw)
    }

    @Test func aTransactionReadsItsOwnBytesAndHoldsTheFileOnlyAtItsCommit() throws {
        let seed = try fixture.seeded()
        let other = Array("From: school6@school.test\r\n\r\n1.2: 7\r\n".utf8)
        let store = fixture.store
        let (read, aheadReturned) = try store.write { [raw, pdf] tx in
            let inbound = try tx.archive(raw: raw, sha256: "raw-key", source: "t", at: StoreFixture.now)
            guard case .new(let inboundID) = inbound else { throw StoreError(operation: "archive", message: "not new") }
            let document = try tx.addDocument(
                bytes: pdf, sha256: "pdf-key", fileName: "1.1.pdf", inboundID: inboundID, organizationID: seed.organizationID,
                indicatorCode: "1.1", roundID: seed.roundID, at: StoreFixture.now)
            // Another thread stores the next batch's mail meanwhile: it must not wait for
            // this transaction (it did when each put took the file until the commit).
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                try? store.storeAhead([("other-key", other)])
                done.signal()
            }
            let returned = done.wait(timeout: .now() + 5) == .success
            return (try tx.document(id: document)?.bytes, returned)
        }
        #expect(read == pdf, "a document is read back before its commit")
        #expect(aheadReturned)
        #expect(try blobKeys(at: blobPath) == ["other-key", "pdf-key", "raw-key"])
    }

    @Test func aWriteThatThrowsLeavesNoBlob() throws {
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try fixture.store.write { [raw] db in
                _ = try db.archive(raw: raw, sha256: "raw-key", source: "t", at: StoreFixture.now)
                throw Abort()
            }
        }
        #expect(try blobKeys(at: blobPath).isEmpty)
        // And the next write's blobs are committed with it, not lost with the one that failed.
        _ = try fixture.store.write { [raw] in try $0.archive(raw: raw, sha256: "raw-key", source: "t", at: StoreFixture.now) }
        #expect(try blobKeys(at: blobPath) == ["raw-key"])
    }

    @Test func anOlderDatabaseHasItsBlobsMovedOutOnUpgrade() throws {
        let ids = try archiveBoth()
        // As a version before the blob file left them: the bytes in the database's own tables.
        try fixture.store.write { [raw, pdf] tx in
            try tx.db.execute(sql: "INSERT INTO inboundRaw (inboundId, raw) VALUES (?, ?)", arguments: [ids.inbound, Data(raw)])
            try tx.db.execute(
                sql: "INSERT INTO documentBytes (documentId, bytes) VALUES (?, ?)", arguments: [ids.document, Data(pdf)])
            try tx.forgetMigration(Schema.blobsMigration)
        }
        try FileManager.default.removeItem(atPath: blobPath)
        // A command that does not migrate (Postfix's `ingest`) asks for the upgrade, which
        // keeps mail in the MTA's queue, and does not call the blob file lost.
        let refusal = try #require(throws: StoreError.self) { try Store(path: fixture.path, access: .current) }
        #expect(refusal.setup == .needsUpgrade(pending: [Schema.blobsMigration]))
        let upgraded = try Store(path: fixture.path, access: .migrate)
        #expect(upgraded.pendingMigrations == [Schema.blobsMigration])
        #expect(try upgraded.read { try $0.inbound(id: ids.inbound)?.raw } == raw)
        #expect(try upgraded.read { try $0.document(id: ids.document)?.bytes } == pdf)
        let left = try upgraded.read { tx in
            try Int.fetchOne(tx.db, sql: "SELECT (SELECT count(*) FROM inboundRaw) + (SELECT count(*) FROM documentBytes)")
        }
        #expect(left == 0)
    }

    @Test func aBackupCarriesTheBlobsAndARestoreGivesThemTheirFile() throws {
        let ids = try archiveBoth()
        let backup = fixture.directory.path + "/backup.indigate"
        try fixture.store.backup(to: backup, extras: ["secret": "s"])
        let restoredPath = fixture.directory.path + "/restored/indigate.sqlite"
        #expect(try Store.restore(from: backup, to: restoredPath) == ["secret": "s"])
        #expect(try blobKeys(at: BlobStore.path(of: restoredPath)) == ["pdf-key", "raw-key"])
        let restored = try Store(path: restoredPath, access: .current)
        #expect(try restored.read { try $0.inbound(id: ids.inbound)?.raw } == raw)
        #expect(try restored.read { try $0.document(id: ids.document)?.bytes } == pdf)
        try FileManager.default.removeItem(atPath: BlobStore.path(of: restoredPath))
        let lost = try #require(throws: StoreError.self) { try Store(path: restoredPath, access: .current) }
        #expect(lost.setup == .missing, "a current database whose blob file is gone is refused")
        let tables = try restored.read {
            try String.fetchAll($0.db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'backup%'")
        }
        #expect(tables.isEmpty)
    }
}
