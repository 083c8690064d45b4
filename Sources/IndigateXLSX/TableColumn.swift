/// One column of a data table: its heading and, if the caller fixes it, its width in characters.
package struct TableColumn: Sendable, Equatable {
    package var heading: String
    /// `nil`: as wide as the longest text written in it (heading included), within 8…60.
    package var width: Double?

    package init(heading: String, width: Double? = nil) {
        self.heading = heading
        self.width = width
    }
}
