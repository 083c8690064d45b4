import Foundation
import GRDB
import Testing

@testable import IndigateStore

@Suite struct StoredDateTests {
    /// The remembered text is GRDB's own for the date, the first time and every time after, so a
    /// row stamped through it compares with one stamped by GRDB.
    @Test func isGRDBsOwnTextForTheDate() throws {
        let queue = try DatabaseQueue()
        for seconds in [0, 1_600_251_120, 1_600_251_120.123, 1_600_251_120.9996, 4_102_444_799.5] {
            let date = Date(timeIntervalSince1970: seconds)
            let grdb = try #require(String.fromDatabaseValue(date.databaseValue))
            #expect(StoredDate.text(date) == grdb)
            #expect(StoredDate.text(date) == grdb, "remembered")
            let equal = try queue.read { try Bool.fetchOne($0, sql: "SELECT ? = ?", arguments: [StoredDate.text(date), date]) }
            #expect(equal == true)
        }
        #expect(StoredDate.text(nil as Date?) == nil)
    }

    @Test func forgetsOldInstantsInsteadOfGrowing() {
        // More instants than it keeps: each still comes back right.
        for index in 0..<200 {
            let date = Date(timeIntervalSince1970: 1_600_000_000 + Double(index))
            #expect(StoredDate.text(date) == String.fromDatabaseValue(date.databaseValue))
        }
    }
}
