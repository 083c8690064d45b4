import Foundation
import GRDB
import GRDBSQLite

/// Large bytes in and out of BLOB columns without whole copies: written through SQLite's
/// incremental BLOB I/O in 1 MB pieces into a `zeroblob` placeholder, so a 45 MB message costs
/// the store a megabyte of buffer, not two more copies of itself (the bound value and the
/// record SQLite would build from it).
enum Blob {
    static let piece = 1 << 20

    /// Inserts a row whose `column` is `bytes`: `sql` has a `zeroblob(?)` placeholder for it,
    /// and `arguments` the other values with the length in that place. The BLOB must be the
    /// row's last column: only there does SQLite keep a zeroblob unbuilt.
    static func insert(
        _ bytes: [UInt8], table: String, column: String, sql: String, arguments: StatementArguments, in db: Database
    ) throws -> Int64 {
        // Cached: the same statement inserts every message and document of a poll.
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
        let rowID = db.lastInsertedRowID
        guard !bytes.isEmpty else { return rowID }
        var handle: OpaquePointer?
        var code = sqlite3_blob_open(db.sqliteConnection, "main", table, column, rowID, 1, &handle)
        guard code == SQLITE_OK, let handle else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot open the BLOB for writing")
        }
        defer { sqlite3_blob_close(handle) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = min(piece, buffer.count - offset)
                code = sqlite3_blob_write(handle, buffer.baseAddress! + offset, Int32(count), Int32(offset))
                guard code == SQLITE_OK else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot write the BLOB")
                }
                offset += count
            }
        }
        return rowID
    }
}
