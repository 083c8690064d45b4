import Foundation
import GRDB
import IndigateCore

/// The SQLite store: one file, WAL, `synchronous=FULL` (a commit survives power loss), foreign
/// keys on, and beside it the blob file of raw mail and documents (`BlobStore`). Every write
/// goes through `write`, one transaction per call.
package final class Store: Sendable {
    let queue: DatabaseQueue
    /// Raw messages and documents, in their own file beside the database.
    let blobs: BlobStore
    /// The thread that composes letters while a write transaction goes on (see `ComposingLetters`).
    private let composer = DispatchQueue(label: "indigate.store.compose")
    /// The migrations this open applied (for the log).
    package let pendingMigrations: [String]

    /// The WAL's size, in pages, at which it is checkpointed.
    package static let checkpointPages = 10_000

    /// How a command may open the database.
    package enum Access: Sendable {
        /// Create it when missing, and migrate it (`init`).
        case create
        /// Migrate it to this binary's schema (`upgrade`, `serve` at start).
        case migrate
        /// Use it as it is; refuse one missing, older or newer (every other command).
        case current
    }

    /// Opens the database at `path` as `access` allows.
    package init(path: String, access: Access = .current) throws(StoreError) {
        if access != .create, !FileManager.default.fileExists(atPath: path) {
            throw StoreError(
                operation: "open the database at \(path)", setup: .missing,
                message:
                    "there is no database there: check `database:` in the configuration, or run `indigate init` to create one")
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Each message is handled in a savepoint, and SQLite keeps a copy of every page the
            // savepoint changes that existed before it (~47 pages a reply: rows and indexes,
            // never a new BLOB's pages) in a statement journal: as a temporary file that was
            // 900 MB of 4 KB writes for a round's replies, 4 % of ingest. In memory it is the
            // same copies without the system calls, freed at each savepoint's end (measured:
            // no change to the peak memory of reports or of a 25 MB attachment).
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // The WAL is copied into the database when it reaches this many pages (SQLite's
            // default is 1,000, 4 MB). A step of replies rewrites the same index pages as the
            // step before, and each checkpoint writes every page the WAL holds once: at 1,000
            // a round's replies checkpointed 28,429 pages, a fresh copy of those index pages
            // every three steps. At 10,000 (the WAL grows to 40 MB and keeps that size) they
            // are written once every thirty steps or so.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.checkpointPages)")
        }
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            queue = try DatabaseQueue(path: path, configuration: configuration)
            Self.restrict(path)
            // The migrations by name, to compare with the database's; the blob file is opened
            // (or made) only once they allow it.
            var migrator = Schema.migrator(blobs: nil)
            try queue.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            let (pending, unknown) = try queue.read { db in
                let applied = try migrator.appliedIdentifiers(db)
                return (
                    migrator.migrations.filter { !applied.contains($0) },
                    applied.subtracting(migrator.migrations).sorted()
                )
            }
            guard unknown.isEmpty else {
                throw StoreError(
                    operation: "open the database at \(path)", setup: .newer(unknown: unknown),
                    message: "it was made by a newer indigate (migrations \(unknown.joined(separator: ", "))): run that version")
            }
            if access == .current, !pending.isEmpty {
                throw StoreError(
                    operation: "open the database at \(path)", setup: .needsUpgrade(pending: pending),
                    message: "it needs migrations \(pending.joined(separator: ", ")): run `indigate upgrade` (or start `serve`)")
            }
            if access == .current, !FileManager.default.fileExists(atPath: BlobStore.path(of: path)) {
                throw StoreError(
                    operation: "open the database at \(path)", setup: .missing,
                    message:
                        "its blob file \(BlobStore.path(of: path)) (raw mail and documents) is missing: put it back beside the database"
                )
            }
            blobs = try BlobStore(databasePath: path)
            migrator = Schema.migrator(blobs: blobs)
            try migrator.migrate(queue)
            pendingMigrations = access == .current ? [] : pending
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(operation: "open the database at \(path)", underlying: error)
        }
    }

    /// The blob file (raw mail and documents) beside the database at `path`.
    package static func blobFile(of path: String) -> String { BlobStore.path(of: path) }

    /// The folder of raw messages kept as their delivered files, beside the database at `path`.
    package static func keptFolder(of path: String) -> String { KeptFiles.folder(of: path) }

    /// The database holds every live token (in letters queued), its blob file all raw mail and
    /// all documents: the database's file, WAL and shared-memory file are the owner's only
    /// (0600), whatever the umask was when they were made (`BlobStore` does the same for its own).
    static func restrict(_ path: String) {
        restrict(files: [path, path + "-wal", path + "-shm"])
    }

    /// Makes each of `files` that exists the owner's only.
    static func restrict(files: [String]) {
        for file in files {
            var info = stat()
            if stat(file, &info) == 0, info.st_mode & 0o077 != 0 { chmod(file, 0o600) }
        }
    }

    /// Runs `body` in one write transaction; nothing of it is kept if it throws. The blobs it
    /// stored are committed first.
    package func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try queue.write { db in try run(body, in: db) }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError(operation: "write", underlying: error)
        }
    }

    /// Runs `body` in one write transaction that survives a crash of this process but is not
    /// yet forced to the disk: the WAL is written without fsync (`synchronous = NORMAL` for this
    /// transaction only), so a power loss may undo it. The next `write` forces it, with
    /// everything before it, to the disk. For results that must never be lost to a killed
    /// daemon and may be repeated after a power loss (a letter's "sent", which then goes again).
    package func writeUnsynced<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                // Every statement compiled once per connection: a flush runs this for every letter.
                try db.cachedStatement(sql: "PRAGMA synchronous = NORMAL").execute()
                defer { try? db.cachedStatement(sql: "PRAGMA synchronous = FULL").execute() }
                try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
                do {
                    let result = try run(body, in: db)
                    try db.cachedStatement(sql: "COMMIT").execute()
                    return result
                } catch {
                    if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK").execute() }
                    throw error
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError(operation: "write", underlying: error)
        }
    }

    /// Runs `body` inside the open transaction of `db`, then stores the letters composed beside
    /// it and commits its blobs; if anything throws, the letters and blobs are dropped (the
    /// caller undoes the transaction).
    private func run<T>(_ body: (StoreTransaction) throws -> T, in db: Database) throws -> T {
        let composing = ComposingLetters(thread: composer)
        do {
            let tx = StoreTransaction(db: db, blobs: blobs, composing: composing)
            let result = try body(tx)
            try tx.storeComposed()
            try blobs.commit()
            return result
        } catch {
            composing.dropAll()
            blobs.rollback()
            throw error
        }
    }

    /// Stores `bytes` under each key in the blob file and commits them (synced), outside any
    /// transaction of the database, unless they are there already: bytes that a transaction
    /// soon to come will name (mail just read, the documents it may give), stored by another
    /// thread than the one that writes. `archive` and `addDocument` then find them there and
    /// write only their rows. Bytes that no row comes to name (the process stopped before, a
    /// document not taken) stay in the file unnamed, as after a crash between the two commits.
    package func storeAhead(_ items: [(key: String, bytes: [UInt8])]) throws {
        do {
            try blobs.putCommitted(items)
        } catch let error as DatabaseError {
            throw StoreError(operation: "store bytes ahead in the blob file", underlying: error)
        }
    }

    /// Keeps each delivered file as it is under its key (a hard link, `KeptFiles`) instead of
    /// storing its bytes, and returns the keys kept: a raw message read from a Maildir, which
    /// `archive` then finds kept. The caller stores the others' bytes (`storeAhead`).
    package func keepAhead(_ files: [(key: String, file: DeliveredFile)]) -> Set<String> {
        blobs.keepAhead(files)
    }

    /// Runs `body` on a consistent read-only view.
    package func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try queue.read { db in try body(StoreTransaction(db: db, blobs: blobs, composing: nil)) }
        } catch let error as DatabaseError {
            throw StoreError(operation: "read", underlying: error)
        }
    }

    /// The settings the database actually runs with, for checks and `status`.
    package func pragmas() throws -> (journalMode: String, synchronous: Int, foreignKeys: Bool, tempStore: Int) {
        try queue.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
                try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? -1
            )
        }
    }
}

/// A transaction in progress: the only way code outside this module reaches the database.
package struct StoreTransaction {
    let db: Database
    /// Where raw messages and documents go (see `BlobStore`).
    let blobs: BlobStore
    /// Letters whose bytes are being composed on another thread (nil in a read).
    let composing: ComposingLetters?
    /// Rounds' indicator codes read in this transaction.
    let roundCodes = RoundCodes()

    /// The connection's compiled statement for `sql`, compiled once per connection and reused:
    /// compiling (with GRDB's authorizer reading every column) cost more than running the
    /// statements of a batch.
    func statement(_ sql: String) throws -> Statement {
        try db.cachedStatement(sql: sql)
    }
}

extension StoreTransaction {
    /// Runs `body` in a savepoint: if it throws, its changes are undone and the error is
    /// rethrown, while the enclosing transaction (a batch) goes on.
    package func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try settleComposed()
        composing?.enterSavepoint()
        do {
            try db.inSavepoint {
                result = try body()
                return .commit
            }
        } catch {
            composing?.leaveSavepoint(undone: true)
            roundCodes.forget()
            throw error
        }
        composing?.leaveSavepoint(undone: false)
        return result!
    }
}
