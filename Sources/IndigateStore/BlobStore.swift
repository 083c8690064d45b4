import Foundation
import GRDB

/// The raw messages and documents, each under the SHA-256 its row in the main database names,
/// in a second SQLite file beside it (`<database>-blobs`) that keeps a rollback journal instead
/// of a WAL: a new BLOB's pages are written once, where a WAL database writes them to the WAL
/// and again at the checkpoint (a round's replies are half a gigabyte; measured, ingest took
/// 8 % less time).
///
/// Pages of 16 KB (`pageSize`), not SQLite's 4 KB: a blob is a chain of overflow pages, each
/// written by its own `pwrite`, so a poll of the bench corpus made 350,000 of them; with 16 KB
/// pages it makes 214,000, spends a tenth less time in the kernel and ends ~6 % sooner, for a
/// file 2 % larger (the last page of each blob is part empty; 64 KB pages cost 6 % and were no
/// faster). A file made by an older version keeps its 4 KB pages.
///
/// Durability: the blobs a main transaction wrote are committed (and synced) just before it,
/// so a row never names bytes that are not on the disk. A crash between the two commits leaves
/// bytes no row names; the same bytes archived again find them. Blobs are only ever added, so
/// a backup that copies them after the main database's snapshot holds every one it names.
final class BlobStore: Sendable {
    let queue: DatabaseQueue
    let path: String

    /// The page size of a new blob file.
    static let pageSize = 16_384

    /// The blob file of the database at `databasePath`.
    static func path(of databasePath: String) -> String { databasePath + "-blobs" }

    init(databasePath: String) throws {
        path = Self.path(of: databasePath)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // A main transaction's blobs stay in one open transaction here until it commits.
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            // Takes effect only while the file is empty, before its table is made.
            try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)")
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = TRUNCATE")
            try db.execute(
                sql: "CREATE TABLE IF NOT EXISTS blob (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, bytes BLOB NOT NULL)")
        }
        Self.restrict(path)
    }

    /// The file and its journal are the owner's only, as the main database is.
    static func restrict(_ path: String) {
        Store.restrict(files: [path, path + "-journal"])
    }

    /// Stores `bytes` under `key` (unless they are there already) in the open transaction,
    /// begun here if none is.
    func put(_ bytes: [UInt8], key: String) throws {
        try queue.writeWithoutTransaction { db in
            if !db.isInsideTransaction { try db.execute(sql: "BEGIN IMMEDIATE") }
            guard try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM blob WHERE key = ?"), arguments: [key]) == nil
            else { return }
            // In a savepoint: a write that fails halfway (a full disk) must not leave a row of
            // zeros under the key, which the next put of the same bytes would take as stored.
            try db.inSavepoint {
                _ = try Blob.insert(
                    bytes, table: "blob", column: "bytes", sql: "INSERT INTO blob (key, bytes) VALUES (?, zeroblob(?))",
                    arguments: [key, bytes.count], in: db)
                return .commit
            }
        }
    }

    /// The bytes stored under `key`, or nil.
    func get(_ key: String) throws -> [UInt8]? {
        try queue.writeWithoutTransaction { db in
            try Data.fetchOne(db.cachedStatement(sql: "SELECT bytes FROM blob WHERE key = ?"), arguments: [key]).map {
                Array($0)
            }
        }
    }

    /// The bytes stored under `key`, which a row of the main database names: their absence is
    /// an error, reported as reading `what` (`inbound message 12`, `document 3`).
    func bytes(_ key: String, of what: String) throws -> [UInt8] {
        guard let bytes = try get(key) else {
            throw StoreError(operation: "read \(what)", message: "its bytes are not in the blob file")
        }
        return bytes
    }

    /// Commits (and syncs) the open transaction, if any: called just before the main commit.
    func commit() throws {
        try queue.writeWithoutTransaction { db in
            if db.isInsideTransaction { try db.execute(sql: "COMMIT") }
        }
    }

    /// Drops the open transaction, if any: its main transaction failed.
    func rollback() {
        try? queue.writeWithoutTransaction { db in
            if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
        }
    }

    /// Moves the raw messages and documents an older version kept in the main database
    /// (`inboundRaw`, `documentBytes`) here, one at a time, under their rows' SHA-256; commits
    /// them, then empties those tables in `db`'s transaction.
    func take(from db: Database) throws {
        let sources = [
            "SELECT i.sha256 AS key, r.raw AS bytes FROM inboundRaw r JOIN inbound i ON i.id = r.inboundId",
            "SELECT d.sha256 AS key, b.bytes AS bytes FROM documentBytes b JOIN document d ON d.id = b.documentId",
        ]
        for sql in sources {
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                let bytes: Data = row["bytes"]
                try put(Array(bytes), key: row["key"])
            }
        }
        try commit()
        try db.execute(sql: "DELETE FROM inboundRaw; DELETE FROM documentBytes")
    }
}
