import Foundation
import GRDB
import IndigateCore
import Synchronization

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
/// Durability: the blobs a main transaction stored are committed (and synced) just before it,
/// so a row never names bytes that are not on the disk. Other threads may store bytes ahead
/// (`putCommitted`, committed at once), which the main transaction then finds there. Keys are
/// the bytes' own SHA-256, so whoever stores a key stores the same bytes. A crash between the
/// two commits leaves bytes no row names; the same bytes archived again find them. Blobs are
/// only ever added, so a backup that copies them after the main database's snapshot holds
/// every one it names.
final class BlobStore: Sendable {
    let queue: DatabaseQueue
    /// A second connection to the file, for `putCommitted` from another thread.
    let ahead: DatabaseQueue
    /// Bytes `put` by the open main transaction, stored at its commit.
    private let pending = Mutex<[(key: String, bytes: [UInt8])]>([])
    /// Held by each transaction that writes the file, so that one waits for the other here
    /// rather than in SQLite's busy handler, which sleeps in steps of up to 100 ms.
    private let writing = Mutex<Void>(())
    /// Keys `putCommitted` has stored, until a main transaction puts the same key: its commit
    /// then has nothing to write and does not wait for `writing` (the handling thread waited
    /// there 0.87 s of a poll of the bench corpus, while batches were stored ahead). Emptied
    /// when it passes `storedAheadLimit` (keys no row came to name), which only costs a look.
    private let storedAhead = Mutex<Set<String>>([])
    static let storedAheadLimit = 100_000
    let path: String
    /// Raw messages kept as the files they were delivered in, not copied here.
    let files: KeptFiles

    /// The page size of a new blob file.
    static let pageSize = 16_384

    /// The blob file of the database at `databasePath`.
    static func path(of databasePath: String) -> String { databasePath + "-blobs" }

    init(databasePath: String) throws {
        path = Self.path(of: databasePath)
        files = KeptFiles(databasePath: databasePath)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
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
        ahead = try DatabaseQueue(path: path, configuration: configuration)
        try ahead.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = TRUNCATE") }
        Self.restrict(path)
    }

    /// The file and its journal are the owner's only, as the main database is.
    static func restrict(_ path: String) {
        Store.restrict(files: [path, path + "-journal"])
    }

    /// Keeps `bytes` to store under `key` at the main transaction's commit (`commit`), unless
    /// they are there already. Until then the file is left to others (`putCommitted`).
    func put(_ bytes: [UInt8], key: String) {
        pending.withLock { $0.append((key, bytes)) }
    }

    /// Keeps each delivered file under its key instead of copying its bytes (`KeptFiles`), and
    /// returns the keys kept; a main transaction that puts one of them then writes nothing.
    func keepAhead(_ items: [(key: String, file: DeliveredFile)]) -> Set<String> {
        let kept = files.keep(items)
        storedAhead.withLock { keys in
            if keys.count + kept.count > Self.storedAheadLimit { keys = [] }
            keys.formUnion(kept)
        }
        return kept
    }

    /// Stores each of `items` that is not there already and commits them, in a transaction of
    /// their own on a connection of their own (`ahead`): a thread that has read a batch of mail
    /// stores its bytes while another handles the batch before.
    func putCommitted(_ items: [(key: String, bytes: [UInt8])]) throws {
        try write(items, on: ahead)
        storedAhead.withLock { keys in
            if keys.count + items.count > Self.storedAheadLimit { keys = [] }
            for item in items { keys.insert(item.key) }
        }
    }

    /// Inserts `bytes` under `key` in `db`'s transaction, unless the key is there.
    private static func insert(_ bytes: [UInt8], key: String, in db: Database) throws {
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

    /// The bytes stored under `key` (or kept to store by the open main transaction, or kept as
    /// a delivered file), or nil.
    func get(_ key: String) throws -> [UInt8]? {
        if let kept = pending.withLock({ $0.last(where: { $0.key == key })?.bytes }) { return kept }
        let stored = try queue.writeWithoutTransaction { db in
            try Data.fetchOne(db.cachedStatement(sql: "SELECT bytes FROM blob WHERE key = ?"), arguments: [key]).map {
                Array($0)
            }
        }
        return stored ?? files.bytes(key)
    }

    /// The bytes stored under `key`, which a row of the main database names: their absence is
    /// an error, reported as reading `what` (`inbound message 12`, `document 3`).
    func bytes(_ key: String, of what: String) throws -> [UInt8] {
        guard let bytes = try get(key) else {
            throw StoreError(
                operation: "read \(what)",
                message: "its bytes are neither in the blob file nor in a kept file that still holds them")
        }
        return bytes
    }

    /// Stores the bytes kept by `put` and commits (and syncs) them, in one transaction: called
    /// just before the main commit. The file is held only for this (a main transaction takes
    /// tens of milliseconds, in which `putCommitted` would otherwise wait).
    func commit() throws {
        var items = pending.withLock { kept in
            defer { kept = [] }
            return kept
        }
        storedAhead.withLock { keys in items.removeAll { keys.remove($0.key) != nil } }
        guard !items.isEmpty else { return }
        try write(items, on: queue)
    }

    /// Stores each of `items` that is not there already through `connection`, in one
    /// transaction committed (and synced) before it returns, holding `writing`.
    private func write(_ items: [(key: String, bytes: [UInt8])], on connection: DatabaseQueue) throws {
        try writing.withLock { _ in
            try connection.inTransaction(.immediate) { db in
                for item in items where !files.has(item.key) { try Self.insert(item.bytes, key: item.key, in: db) }
                return .commit
            }
        }
    }

    /// Drops the bytes kept by `put`: their main transaction failed.
    func rollback() {
        pending.withLock { $0 = [] }
    }

    /// Closes both connections to the file.
    func close() throws {
        try queue.close()
        try ahead.close()
    }

    /// Moves the raw messages and documents an older version kept in the main database
    /// (`inboundRaw`, `documentBytes`) here, one at a time, under their rows' SHA-256; commits
    /// them, then empties those tables in `db`'s transaction.
    func take(from db: Database) throws {
        let sources = [
            "SELECT i.sha256 AS key, r.raw AS bytes FROM inboundRaw r JOIN inbound i ON i.id = r.inboundId",
            "SELECT d.sha256 AS key, b.bytes AS bytes FROM documentBytes b JOIN document d ON d.id = b.documentId",
        ]
        try writing.withLock { _ in
            try queue.inTransaction(.immediate) { blobs in
                for sql in sources {
                    let rows = try Row.fetchCursor(db, sql: sql)
                    while let row = try rows.next() {
                        let bytes: Data = row["bytes"]
                        try Self.insert(Array(bytes), key: row["key"], in: blobs)
                    }
                }
                return .commit
            }
        }
        try db.execute(sql: "DELETE FROM inboundRaw; DELETE FROM documentBytes")
    }
}
