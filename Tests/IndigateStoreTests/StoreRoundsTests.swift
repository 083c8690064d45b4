import Foundation
import IndigateCore
import IndigateStore
import Testing

@Suite struct StoreRoundsTests {
    let fixture: StoreFixture
    let now = StoreFixture.now

    init() throws {
        fixture = try StoreFixture()
        try fixture.store.write { try $0.makeCatalogue() }
    }

    @Test func opensARoundWithItsIndicatorsInCatalogueOrder() throws {
        let round = try fixture.store.write { [now] in
            try $0.openRound(
                month: "2020-09", deadline: "2020-09-25", nextDataAfter: "2020-09-28", indicatorCodes: ["1.2", "1.1"],
                at: now)
        }
        #expect(round.month == "2020-09")
        #expect(round.deadline == "2020-09-25")
        #expect(round.nextDataAfter == "2020-09-28")
        #expect(round.openedAt == now)
        #expect(round.indicatorCodes == ["1.1", "1.2"])
        #expect(try fixture.store.read { try $0.round(month: "2020-09") } == round)
    }

    /// Codes read once in a transaction are kept for it: a catalogue saved in the same
    /// transaction reorders them, and a round opened in a savepoint that is undone is gone.
    @Test func aTransactionReadsARoundsCodesAfreshWhenTheirOrderOrTheRoundChanges() throws {
        try fixture.store.write { [now] db in
            let round = try db.makeRound(month: "2020-09")
            #expect(try db.round(id: round.id)?.indicatorCodes == ["1.1", "1.2"])
            var reordered = StoreTransaction.catalogue
            reordered.groups[0].indicators.reverse()
            try db.saveCatalogue(reordered)
            #expect(try db.round(id: round.id)?.indicatorCodes == ["1.2", "1.1"])
            #expect(try db.newestRound()?.indicatorCodes == ["1.2", "1.1"])
            struct Undo: Error {}
            var undone: Int64?
            _ = try? db.savepoint {
                undone = try db.openRound(
                    month: "2020-10", deadline: "2020-10-25", nextDataAfter: "2020-10-28", indicatorCodes: ["1.1"], at: now
                ).id
                #expect(try db.round(id: undone!)?.indicatorCodes == ["1.1"])
                throw Undo()
            }
            #expect(try db.round(id: undone!) == nil)
            let again = try db.openRound(
                month: "2020-11", deadline: "2020-11-25", nextDataAfter: "2020-11-28", indicatorCodes: ["1.2", "1.1"],
                at: now)
            #expect(again.id == undone, "SQLite gives the undone round's id again")
            #expect(try db.round(id: again.id)?.indicatorCodes == ["1.2", "1.1"])
        }
    }

    @Test func refusesToOpenTheSameMonthTwice() throws {
        let first = try fixture.store.write { try $0.makeRound(month: "2020-09") }
        #expect(throws: StoreError.self) {
            try fixture.store.write { try $0.makeRound(month: "2020-09") }
        }
        #expect(try fixture.store.read { try $0.newestRound() } == first)
    }

    @Test func refusesARoundAskingForAnUnknownIndicator() throws {
        #expect(throws: StoreError.self) {
            try fixture.store.write { [now] in
                try $0.openRound(
                    month: "2020-09", deadline: "2020-09-25", nextDataAfter: "2020-09-28", indicatorCodes: ["9.9"],
                    at: now)
            }
        }
        #expect(try fixture.store.read { try $0.round(month: "2020-09") } == nil)
    }

    @Test func findsTheNewestRoundOpenedByAGivenTime() throws {
        let october = now.addingTimeInterval(30 * 86_400)
        try fixture.store.write { [now] db in
            try db.makeRound(month: "2020-09", openedAt: now)
            try db.makeRound(month: "2020-10", openedAt: october)
        }
        func current(at date: Date) throws -> String? {
            try fixture.store.read { try $0.currentRound(at: date)?.month }
        }
        #expect(try current(at: now.addingTimeInterval(-1)) == nil)
        #expect(try current(at: now) == "2020-09")
        #expect(try current(at: october.addingTimeInterval(-1)) == "2020-09")
        #expect(try current(at: october) == "2020-10")
        #expect(try fixture.store.read { try $0.newestRound()?.month } == "2020-10", "by month, not by the order of opening")
    }
}
