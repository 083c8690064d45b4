import Foundation
import GRDB

/// A date as the store writes it (GRDB's text, `YYYY-MM-DD HH:MM:SS.SSS` in UTC), remembered
/// for the few instants a pass uses: every row a poll writes is stamped with the same `now`,
/// and formatting it again with a `DateFormatter` for each row was 2 % of a round's ingest.
enum StoredDate {
    private static let memo = Memo()

    static func text(_ date: Date) -> String {
        if let text = memo.text(for: date) { return text }
        let text = String.fromDatabaseValue(date.databaseValue) ?? ""
        memo.remember(text, for: date)
        return text
    }

    static func text(_ date: Date?) -> String? {
        date.map { text($0) }
    }

    private final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        private var texts: [Date: String] = [:]

        func text(for date: Date) -> String? {
            lock.lock()
            defer { lock.unlock() }
            return texts[date]
        }

        func remember(_ text: String, for date: Date) {
            lock.lock()
            defer { lock.unlock() }
            // A pass uses a handful of instants; a long-running daemon must not collect them all.
            if texts.count >= 64 { texts.removeAll() }
            texts[date] = text
        }
    }
}
