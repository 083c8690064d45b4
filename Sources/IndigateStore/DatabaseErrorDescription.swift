import GRDB

/// What of a GRDB error may be shown: the result code and SQLite's message, not the SQL's
/// arguments.
protocol DatabaseErrorDescription {
    var code: Int32 { get }
    var text: String { get }
}

extension DatabaseError: DatabaseErrorDescription {
    var code: Int32 { extendedResultCode.rawValue }
    var text: String { message ?? "SQLite error" }
}
