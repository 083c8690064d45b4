import Foundation
import GRDB

extension Store {
    /// Copies a consistent snapshot of the database into a new file at `path` with SQLite's
    /// online backup API, while writers go on (a `cp` of a live WAL database misses what is
    /// still in the WAL), then every blob (raw mail, documents) and every kept delivered file
    /// into a table of the copy — after the snapshot, so it holds every one the snapshot names:
    /// they are only ever added, each before the row that names it — and `extras` (name → text,
    /// e.g. the token secret) into another. One file, the owner's only. A kept file whose bytes
    /// no longer hash to its name is left out (it is never read as the message either).
    package func backup(to path: String, extras: [String: String]) throws(StoreError) {
        do {
            guard !FileManager.default.fileExists(atPath: path) else {
                throw StoreError(operation: "back up to \(path)", message: "the file exists: choose a new name")
            }
            let destination = try DatabaseQueue(path: path)
            try queue.backup(to: destination)
            try destination.write { db in
                try db.execute(sql: "CREATE TABLE backupExtra (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
                for (name, value) in extras.sorted(by: { $0.key < $1.key }) {
                    try db.execute(sql: "INSERT INTO backupExtra (name, value) VALUES (?, ?)", arguments: [name, value])
                }
            }
            try destination.writeWithoutTransaction { db in
                try db.execute(sql: "CREATE TABLE backupBlob (key TEXT PRIMARY KEY, bytes BLOB NOT NULL)")
                try db.execute(sql: "ATTACH DATABASE ? AS blobs", arguments: [blobs.path])
                // A few at a time: the blob file keeps a rollback journal, where a reader holds
                // off the daemon's next commit for as long as it reads.
                var last: Int64 = 0
                while let next = try Int64.fetchOne(
                    db, sql: "SELECT max(id) FROM (SELECT id FROM blobs.blob WHERE id > ? ORDER BY id LIMIT 32)",
                    arguments: [last])
                {
                    try db.execute(
                        sql: "INSERT INTO backupBlob (key, bytes) SELECT key, bytes FROM blobs.blob WHERE id > ? AND id <= ?",
                        arguments: [last, next])
                    last = next
                }
                try db.execute(sql: "DETACH DATABASE blobs")
                // The raw messages kept as delivered files, after the snapshot too.
                for key in blobs.files.keys() {
                    guard let bytes = blobs.files.bytes(key) else { continue }
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO backupBlob (key, bytes) VALUES (?, ?)", arguments: [key, Data(bytes)])
                }
            }
            try destination.close()
            chmod(path, 0o600)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(operation: "back up to \(path)", underlying: error)
        }
    }

    /// Restores a backup made by `backup(to:extras:)` into a new database at `path` (which must
    /// not exist: restoring never overwrites a live store) and returns its extras.
    package static func restore(from backup: String, to path: String) throws(StoreError) -> [String: String] {
        do {
            guard FileManager.default.fileExists(atPath: backup) else {
                throw StoreError(operation: "restore from \(backup)", message: "no such file")
            }
            guard !FileManager.default.fileExists(atPath: path), !FileManager.default.fileExists(atPath: BlobStore.path(of: path))
            else {
                throw StoreError(
                    operation: "restore into \(path)",
                    message: "a database is there: stop indigate and move it aside first; restore never overwrites one")
            }
            var configuration = Configuration()
            configuration.readonly = true
            let source = try DatabaseQueue(path: backup, configuration: configuration)
            let extras = try source.read { db in
                Dictionary(
                    uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, value FROM backupExtra").map {
                        ($0["name"] as String, $0["value"] as String)
                    })
            }
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            let destination = try DatabaseQueue(path: path)
            try source.backup(to: destination)
            // The blobs into their own file (a backup older than the blob file has none: the
            // upgrade that opens it moves them out of the database).
            let blobs = try BlobStore(databasePath: path)
            if try source.read({ db in try db.tableExists("backupBlob") }) {
                try blobs.queue.writeWithoutTransaction { db in
                    try db.execute(sql: "ATTACH DATABASE ? AS backup", arguments: [backup])
                    try db.execute(sql: "INSERT INTO blob (key, bytes) SELECT key, bytes FROM backup.backupBlob")
                    try db.execute(sql: "DETACH DATABASE backup")
                }
            }
            try blobs.close()
            try destination.writeWithoutTransaction { db in
                try db.execute(sql: "DROP TABLE backupExtra")
                try db.execute(sql: "DROP TABLE IF EXISTS backupBlob")
                try db.execute(sql: "VACUUM")
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try destination.close()
            restrict(path)
            BlobStore.restrict(BlobStore.path(of: path))
            return extras
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(operation: "restore from \(backup)", underlying: error)
        }
    }
}
