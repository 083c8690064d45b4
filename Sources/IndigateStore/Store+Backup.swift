import Foundation
import GRDB

extension Store {
    /// Copies a consistent snapshot of the database into a new file at `path` with SQLite's
    /// online backup API, while writers go on (a `cp` of a live WAL database misses what is
    /// still in the WAL), and stores `extras` (name → text, e.g. the token secret) in a table of
    /// the copy. The copy is the owner's only.
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
            guard !FileManager.default.fileExists(atPath: path) else {
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
            try destination.writeWithoutTransaction { db in
                try db.execute(sql: "DROP TABLE backupExtra")
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try destination.close()
            restrict(path)
            return extras
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(operation: "restore from \(backup)", underlying: error)
        }
    }
}
