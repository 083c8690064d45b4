/// Why a workbook could not be written. The messages are for developers (English); the
/// application words them for people.
package enum XLSXWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// libxlsxwriter refused a step (`step` names it); `code` is its `lxw_error` and `reason`
    /// its own description (`lxw_strerror`).
    case library(step: String, code: Int, reason: String)
    /// A text the caller supplied is longer than Excel allows where it goes (validation titles
    /// are at most 32 characters, messages 255, list items together 255, sheet names 31).
    case textTooLong(field: String, limit: Int)
    /// The temporary file could not be made, read or removed (`errno` as set then).
    case temporaryFile(step: String, errno: Int32)
    /// The spreadsheet would exceed the sheet's size (1,048,576 rows, 16,384 columns).
    case tooLarge(rows: Int, columns: Int)

    package var description: String {
        switch self {
        case .library(let step, let code, let reason): "libxlsxwriter failed at \(step): \(reason) (lxw_error \(code))"
        case .textTooLong(let field, let limit): "text for \(field) is longer than \(limit) characters"
        case .temporaryFile(let step, let errno): "temporary file: \(step) failed (errno \(errno))"
        case .tooLarge(let rows, let columns): "\(rows) rows × \(columns) columns do not fit in a worksheet"
        }
    }
}
