/// One cell of a data table.
package enum TableCell: Sendable, Equatable {
    case text(String)
    case integer(Int)
    /// A number with a fraction, shown in the General format.
    case decimal(Double)
    /// A date cell, shown as `DD.MM.YYYY`.
    case date(year: Int, month: Int, day: Int)
    case empty
}
