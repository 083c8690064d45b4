import GRDB

/// Reading rows into our own types as SQLite steps through them. GRDB's `Row.fetchAll` and
/// `Row.fetchOne` copy every column of every row into a row of its own before it is decoded;
/// read here, a row is decoded from the statement itself, so the values are copied once,
/// into the type. The row is only valid inside `decode`, which must not keep it, and while the
/// cursor lives: its end resets the statement, so each cursor is kept alive until its last row
/// is decoded (as GRDB's `fetchOne` does), not only until its last use.
extension StoreTransaction {
    /// Every row of `statement`, decoded.
    func all<T>(_ statement: Statement, arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> [T] {
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        return try withExtendedLifetime(rows) {
            var result: [T] = []
            while let row = try rows.next() { result.append(try decode(row)) }
            return result
        }
    }

    /// The first row of `statement`, decoded, or nil when there is none.
    func first<T>(_ statement: Statement, arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> T? {
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        return try withExtendedLifetime(rows) { try rows.next().map(decode) }
    }
}
