import Foundation
import GRDB
import IndigateCore

extension StoreTransaction {
    /// Stores a confirmation document's bytes; returns its row id.
    package func addDocument(
        bytes: [UInt8], sha256: String, fileName: String, inboundID: Int64, organizationID: Int64,
        indicatorCode: String, roundID: Int64, pages: Int? = nil, at now: Date
    ) throws -> Int64 {
        try statement(
            """
            INSERT INTO document (sha256, size, fileName, inboundId, organizationId, indicatorCode, roundId, receivedAt, pages)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).execute(
            arguments: [
                sha256, bytes.count, String(fileName.prefix(255)), inboundID, organizationID, indicatorCode, roundID,
                StoredDate.text(now), pages,
            ])
        let id = db.lastInsertedRowID
        blobs.put(bytes, key: sha256)
        return id
    }

    /// A document's first page drawn small (PNG): nil when it was never drawn, empty when
    /// poppler could not draw it.
    package func documentPreview(id: Int64) throws -> [UInt8]? {
        try Data.fetchOne(try statement("SELECT png FROM documentPreview WHERE documentId = ?"), arguments: [id]).map {
            Array($0)
        }
    }

    /// Keeps a document's drawn first page (empty: it could not be drawn, do not try again).
    package func setDocumentPreview(id: Int64, png: [UInt8]) throws {
        try statement("INSERT OR REPLACE INTO documentPreview (documentId, png) VALUES (?, ?)").execute(arguments: [
            id, Data(png),
        ])
    }

    /// Stores a new version as `ValueLife` made it (its `id` is ignored) and returns its id.
    /// Never touches earlier versions: superseding them is a transition of their own.
    package func insertVersion(_ version: ValueVersion) throws -> Int64 {
        let columns = Self.valueColumnsFor(version.value)
        try statement(
            """
            INSERT INTO valueVersion (organizationId, indicatorCode, roundId, contactId, inboundId, state,
                number, yes, part, whole, documentId, submittedAt, late, decidedAt, decidedBy, resolution)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).execute(
            arguments: [
                version.organizationID, version.indicatorCode, version.roundID, version.contactID, version.inboundID,
                version.state.rawValue, columns.number, columns.yes, columns.part, columns.whole, version.documentID,
                StoredDate.text(version.submittedAt), version.late, StoredDate.text(version.decidedAt), version.decidedBy,
                version.resolution,
            ])
        return db.lastInsertedRowID
    }

    /// Records a transition `ValueLife` decided: writes `next` over the row, but only while the
    /// row is still `previous` (its state and supersession), so two decisions cannot both
    /// apply. Returns whether the row moved.
    package func saveTransition(from previous: ValueVersion, to next: ValueVersion) throws -> Bool {
        try statement(
            """
            UPDATE valueVersion SET state = ?, documentId = ?, decidedAt = ?, decidedBy = ?, resolution = ?,
                supersededBy = ?
            WHERE id = ? AND state = ? AND supersededBy IS ?
            """
        ).execute(
            arguments: [
                next.state.rawValue, next.documentID, next.decidedAt, next.decidedBy, next.resolution, next.supersededBy,
                previous.id, previous.state.rawValue, previous.supersededBy,
            ])
        return db.changesCount == 1
    }

    package func version(id: Int64) throws -> ValueVersion? {
        try first(
            try statement("SELECT \(Self.valueColumns) FROM valueVersion v WHERE v.id = ?"), arguments: [id],
            Self.valueByPosition)
    }

    /// The current (newest) version of each indicator of an organisation in a round, by code.
    package func currentVersions(organizationID: Int64, roundID: Int64) throws -> [String: ValueVersion] {
        Self.byCode(
            try all(
                try statement(
                    """
                    SELECT \(Self.valueColumns) FROM valueVersion v WHERE v.organizationId = ? AND v.roundId = ?
                    AND v.supersededBy IS NULL
                    """), arguments: [organizationID, roundID], Self.valueByPosition))
    }

    /// The newest accepted version of each indicator of an organisation, in any round, by code
    /// (the latest decision; of two decided at once, the later version). Asked twice for every
    /// reply, while an organisation gathers an accepted version per indicator per round: so
    /// each indicator's newest is found in the partial index of accepted versions and only those
    /// rows are read (two years of 14 indicators: 74 µs instead of 707 for all 336 rows, in the
    /// `sqlite3` module over a generated region).
    package func lastAccepted(organizationID: Int64) throws -> [String: ValueVersion] {
        let versions = try all(
            try statement(
                """
                SELECT \(Self.valueColumns) FROM valueVersion v WHERE v.id IN (
                    SELECT (
                        SELECT w.id FROM valueVersion w
                        WHERE w.organizationId = c.organizationId AND w.indicatorCode = c.indicatorCode AND w.state = 'accepted'
                        ORDER BY w.decidedAt DESC, w.id DESC LIMIT 1)
                    FROM (
                        SELECT DISTINCT organizationId, indicatorCode FROM valueVersion INDEXED BY valueVersion_accepted
                        WHERE organizationId = ? AND state = 'accepted') c)
                """), arguments: [organizationID], Self.valueByPosition)
        return Self.byCode(versions)
    }

    /// Every version, filtered by organisation and round when given, oldest first.
    package func versions(organizationID: Int64? = nil, roundID: Int64? = nil) throws -> [ValueVersion] {
        var sql = "SELECT \(Self.valueColumns) FROM valueVersion v WHERE 1 = 1"
        var arguments: StatementArguments = []
        if let organizationID {
            sql += " AND v.organizationId = ?"
            arguments += [organizationID]
        }
        if let roundID {
            sql += " AND v.roundId = ?"
            arguments += [roundID]
        }
        return try all(try statement(sql + " ORDER BY v.id"), arguments: arguments, Self.valueByPosition)
    }

    /// The file name and size of a document.
    package func documentInfo(id: Int64) throws -> (fileName: String, size: Int, sha256: String)? {
        try Row.fetchOne(try statement("SELECT fileName, size, sha256 FROM document WHERE id = ?"), arguments: [id]).map {
            ($0["fileName"], $0["size"], $0["sha256"])
        }
    }

    /// The later of each code wins (rows come oldest first).
    static func byCode(_ versions: [ValueVersion]) -> [String: ValueVersion] {
        var result: [String: ValueVersion] = [:]
        for version in versions { result[version.indicatorCode] = version }
        return result
    }

    /// The columns `valueByPosition` reads, in its order.
    static let valueColumns = """
        v.id, v.organizationId, v.indicatorCode, v.roundId, v.contactId, v.inboundId, v.state, v.number, v.yes, v.part,
        v.whole, v.documentId, v.submittedAt, v.late, v.decidedAt, v.resolution, v.decidedBy, v.supersededBy
        """

    /// A value version from a row of `valueColumns`, read by position: reports read tens of
    /// thousands, and a lookup by name costs a lowercased copy of every column name.
    static func valueByPosition(_ row: Row) -> ValueVersion {
        let value: Value
        if let number: Int = row[7] {
            value = .number(number)
        } else if let yes: Bool = row[8] {
            value = .yesNo(yes)
        } else {
            value = .percentage(part: row[9] ?? 0, whole: row[10] ?? 0)
        }
        return ValueVersion(
            id: row[0], organizationID: row[1], indicatorCode: row[2], roundID: row[3], contactID: row[4], inboundID: row[5],
            state: ValueState(rawValue: row[6]) ?? .awaitingDocument, value: value, documentID: row[11], submittedAt: row[12],
            late: row[13], decidedAt: row[14], decidedBy: row[16], resolution: row[15], supersededBy: row[17])
    }

    static func valueColumnsFor(_ value: Value) -> (number: Int?, yes: Bool?, part: Int?, whole: Int?) {
        switch value {
        case .number(let n): (n, nil, nil, nil)
        case .yesNo(let y): (nil, y, nil, nil)
        case .percentage(let p, let w): (nil, nil, p, w)
        }
    }
}

/// A value version to load in bulk (imports, benchmarks), with its final state.
package struct BulkValue: Sendable {
    package var organizationID: Int64
    package var indicatorCode: String
    package var roundID: Int64
    package var contactID: Int64
    package var inboundID: Int64
    package var state: ValueState
    package var number: Int
    package var submittedAt: Date
    package var decidedAt: Date?

    package init(
        organizationID: Int64, indicatorCode: String, roundID: Int64, contactID: Int64, inboundID: Int64, state: ValueState,
        number: Int, submittedAt: Date, decidedAt: Date?
    ) {
        self.organizationID = organizationID
        self.indicatorCode = indicatorCode
        self.roundID = roundID
        self.contactID = contactID
        self.inboundID = inboundID
        self.state = state
        self.number = number
        self.submittedAt = submittedAt
        self.decidedAt = decidedAt
    }
}

extension StoreTransaction {
    /// Inserts many numeric value versions through one prepared statement.
    package func addValues(_ values: [BulkValue]) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO valueVersion (organizationId, indicatorCode, roundId, contactId, inboundId, state, number,
                    submittedAt, decidedAt, sentForReviewAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for value in values {
            try statement.execute(arguments: [
                value.organizationID, value.indicatorCode, value.roundID, value.contactID, value.inboundID,
                value.state.rawValue, value.number, value.submittedAt, value.decidedAt, value.submittedAt,
            ])
        }
    }
}
