/// A failure of the store. Its text names the operation and SQLite's result code, never the
/// bound values (addresses, message bodies).
package struct StoreError: Error, Sendable, CustomStringConvertible {
    package var operation: String
    package var code: Int32?
    package var message: String
    /// What an administrator has to do, when the store cannot be used as it is.
    package var setup: Setup?

    /// Why a database cannot be used as it is found.
    package enum Setup: Sendable, Equatable {
        /// No database at the configured path: only `init` creates one.
        case missing
        /// Made by an older binary: `indigate upgrade` (or `serve`) migrates it.
        case needsUpgrade(pending: [String])
        /// Made by a newer binary: this one does not know its migrations.
        case newer(unknown: [String])
    }

    init(operation: String, setup: Setup, message: String) {
        self.operation = operation
        self.code = nil
        self.message = message
        self.setup = setup
    }

    init(operation: String, underlying: any Error) {
        self.operation = operation
        if let error = underlying as? DatabaseErrorDescription {
            code = error.code
            message = error.text
        } else {
            code = nil
            message = "\(type(of: underlying))"
        }
    }

    package init(operation: String, message: String) {
        self.operation = operation
        self.code = nil
        self.message = message
    }

    /// Whether retrying later may succeed: the disk is full, the database is busy or locked,
    /// read-only, or an I/O error happened.
    package var isTemporary: Bool {
        guard let code else { return false }
        // SQLITE_BUSY 5, SQLITE_LOCKED 6, SQLITE_NOMEM 7, SQLITE_READONLY 8, SQLITE_IOERR 10,
        // SQLITE_FULL 13, SQLITE_CANTOPEN 14 (primary codes; extended codes keep them in the low byte).
        return [5, 6, 7, 8, 10, 13, 14].contains(code & 0xFF)
    }

    package var description: String {
        "could not \(operation): \(message)" + (code.map { " (SQLite code \($0))" } ?? "")
    }
}
