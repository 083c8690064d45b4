/// One organisation's indicator: what reports keep one value of. A key of two fields, not a
/// string made of them: a region's report makes tens of thousands.
package struct ValueKey: Hashable, Sendable {
    package var organizationID: Int64
    package var code: String

    package init(organizationID: Int64, code: String) {
        self.organizationID = organizationID
        self.code = code
    }

    package init(_ version: ValueVersion) {
        self.init(organizationID: version.organizationID, code: version.indicatorCode)
    }
}
