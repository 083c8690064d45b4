import Foundation
import GRDB
import IndigateCore

extension StoreTransaction {
    /// Stores a confirmation document's bytes; returns its row id.
    public func addDocument(
        bytes: [UInt8], sha256: String, fileName: String, inboundID: Int64, organizationID: Int64,
        indicatorCode: String, roundID: Int64, at now: Date
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO document (sha256, bytes, size, fileName, inboundId, organizationId, indicatorCode,
                    roundId, receivedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                sha256, Data(bytes), bytes.count, String(fileName.prefix(255)), inboundID, organizationID,
                indicatorCode, roundID, now,
            ])
        return db.lastInsertedRowID
    }

    /// Adds a new version of a value; never touches earlier versions.
    public func addValue(
        organizationID: Int64, indicatorCode: String, roundID: Int64, contactID: Int64, inboundID: Int64,
        state: ValueState, value: Value, documentID: Int64?, late: Bool, at now: Date
    ) throws -> Int64 {
        var number: Int?
        var yes: Bool?
        var part: Int?
        var whole: Int?
        switch value {
        case .number(let n): number = n
        case .yesNo(let y): yes = y
        case .percentage(let p, let w):
            part = p
            whole = w
        }
        try db.execute(
            sql: """
                INSERT INTO valueVersion (organizationId, indicatorCode, roundId, contactId, inboundId, state,
                    number, yes, part, whole, documentId, submittedAt, late)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                organizationID, indicatorCode, roundID, contactID, inboundID, state.rawValue, number, yes, part,
                whole, documentID, now, late,
            ])
        return db.lastInsertedRowID
    }

    /// Completes a saved version with its document and sends it to review.
    public func attachDocument(valueID: Int64, documentID: Int64) throws {
        try db.execute(
            sql: "UPDATE valueVersion SET documentId = ?, state = 'review' WHERE id = ? AND state = 'saved'",
            arguments: [documentID, valueID])
    }

    /// The newest version of each indicator of an organisation in a round.
    public func latestValues(organizationID: Int64, roundID: Int64) throws -> [String: StoredValue] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM valueVersion v WHERE organizationId = ? AND roundId = ?
                AND id = (SELECT max(id) FROM valueVersion w WHERE w.organizationId = v.organizationId
                          AND w.roundId = v.roundId AND w.indicatorCode = v.indicatorCode)
                """, arguments: [organizationID, roundID])
        return Dictionary(uniqueKeysWithValues: rows.map { row in
            let value = Self.value(row)
            return (value.indicatorCode, value)
        })
    }

    /// The newest accepted version of an indicator for an organisation, in any round.
    public func lastAccepted(organizationID: Int64, indicatorCode: String) throws -> StoredValue? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT * FROM valueVersion WHERE organizationId = ? AND indicatorCode = ? AND state = 'accepted'
                ORDER BY decidedAt DESC, id DESC LIMIT 1
                """, arguments: [organizationID, indicatorCode]
        ).map(Self.value)
    }

    /// Every version, filtered by organisation and round when given, oldest first.
    public func values(organizationID: Int64? = nil, roundID: Int64? = nil) throws -> [StoredValue] {
        var sql = "SELECT * FROM valueVersion WHERE 1 = 1"
        var arguments: StatementArguments = []
        if let organizationID {
            sql += " AND organizationId = ?"
            arguments += [organizationID]
        }
        if let roundID {
            sql += " AND roundId = ?"
            arguments += [roundID]
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map(Self.value)
    }

    /// The file name and size of a document.
    public func documentInfo(id: Int64) throws -> (fileName: String, size: Int, sha256: String)? {
        try Row.fetchOne(db, sql: "SELECT fileName, size, sha256 FROM document WHERE id = ?", arguments: [id]).map {
            ($0["fileName"], $0["size"], $0["sha256"])
        }
    }

    /// The columns `valueByPosition` reads, in its order.
    static let valueColumns = """
        v.id, v.organizationId, v.indicatorCode, v.roundId, v.contactId, v.inboundId, v.state, v.number, v.yes, v.part,
        v.whole, v.documentId, v.submittedAt, v.late, v.decidedAt, v.resolution
        """

    /// A value version from a row of `valueColumns`, read by position: reports read tens of
    /// thousands, and a lookup by name costs a lowercased copy of every column name.
    static func valueByPosition(_ row: Row) -> StoredValue {
        let value: Value
        if let number: Int = row[7] {
            value = .number(number)
        } else if let yes: Bool = row[8] {
            value = .yesNo(yes)
        } else {
            value = .percentage(part: row[9] ?? 0, whole: row[10] ?? 0)
        }
        return StoredValue(
            id: row[0], organizationID: row[1], indicatorCode: row[2], roundID: row[3], contactID: row[4], inboundID: row[5],
            state: ValueState(rawValue: row[6]) ?? .saved, value: value, documentID: row[11], submittedAt: row[12],
            late: row[13], decidedAt: row[14], resolution: row[15])
    }

    static func value(_ row: Row) -> StoredValue {
        let value: Value
        if let number: Int = row["number"] {
            value = .number(number)
        } else if let yes: Bool = row["yes"] {
            value = .yesNo(yes)
        } else {
            value = .percentage(part: row["part"] ?? 0, whole: row["whole"] ?? 0)
        }
        return StoredValue(
            id: row["id"], organizationID: row["organizationId"], indicatorCode: row["indicatorCode"],
            roundID: row["roundId"], contactID: row["contactId"], inboundID: row["inboundId"],
            state: ValueState(rawValue: row["state"]) ?? .saved, value: value, documentID: row["documentId"],
            submittedAt: row["submittedAt"], late: row["late"], decidedAt: row["decidedAt"],
            resolution: row["resolution"])
    }
}

/// A value version to load in bulk (imports, benchmarks), with its final state.
public struct BulkValue: Sendable {
    public var organizationID: Int64
    public var indicatorCode: String
    public var roundID: Int64
    public var contactID: Int64
    public var inboundID: Int64
    public var state: ValueState
    public var number: Int
    public var submittedAt: Date
    public var decidedAt: Date?

    public init(
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
    public func addValues(_ values: [BulkValue]) throws {
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
