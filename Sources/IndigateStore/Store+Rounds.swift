import Foundation
import GRDB
import IndigateCore

extension StoreTransaction {
    /// Records a new round asking for `indicatorCodes`. Fails with `roundExists` if the month
    /// already has one: a round is opened once.
    package func openRound(
        month: String, deadline: String, nextDataAfter: String, indicatorCodes: [String], at now: Date
    ) throws -> Round {
        if try Int64.fetchOne(try statement("SELECT id FROM round WHERE month = ?"), arguments: [month]) != nil {
            throw StoreError(operation: "open the round \(month)", message: "the round is already open")
        }
        try statement("INSERT INTO round (month, deadline, nextDataAfter, openedAt) VALUES (?, ?, ?, ?)").execute(
            arguments: [month, deadline, nextDataAfter, now])
        let id = db.lastInsertedRowID
        for code in indicatorCodes {
            try statement("INSERT INTO roundIndicator (roundId, indicatorCode) VALUES (?, ?)").execute(arguments: [id, code])
        }
        roundCodes.forget()
        return try round(id: id)!
    }

    package func round(id: Int64) throws -> Round? {
        try first(try statement("SELECT * FROM round WHERE id = ?"), arguments: [id], round)
    }

    package func round(month: String) throws -> Round? {
        try first(try statement("SELECT * FROM round WHERE month = ?"), arguments: [month], round)
    }

    /// The newest round (by month), without reading the others: asked for every reply.
    package func newestRound() throws -> Round? {
        try first(try statement("SELECT * FROM round ORDER BY month DESC LIMIT 1"), round)
    }

    /// The newest round opened at or before `now`.
    package func currentRound(at now: Date) throws -> Round? {
        try first(try statement("SELECT * FROM round WHERE openedAt <= ? ORDER BY month DESC LIMIT 1"), arguments: [now], round)
    }

    private func round(_ row: Row) throws -> Round {
        let id: Int64 = row["id"]
        let codes = try roundCodes.codes(of: id) {
            try String.fetchAll(
                try statement(
                    """
                    SELECT ri.indicatorCode FROM roundIndicator ri JOIN indicator i ON i.code = ri.indicatorCode
                    WHERE ri.roundId = ? ORDER BY i.position
                    """), arguments: [id])
        }
        return Round(
            id: id, month: row["month"], deadline: row["deadline"], nextDataAfter: row["nextDataAfter"],
            openedAt: row["openedAt"], indicatorCodes: codes)
    }
}
