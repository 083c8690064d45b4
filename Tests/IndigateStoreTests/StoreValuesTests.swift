import Foundation
import IndigateCore
import IndigateStore
import Testing

@Suite struct StoreValuesTests {
    let fixture: StoreFixture
    let seed: StoreFixture.Seed
    let now = StoreFixture.now

    init() throws {
        fixture = try StoreFixture()
        seed = try fixture.seeded()
    }

    func addValue(_ value: Value, code: String = "1.1", state: ValueState, at date: Date? = nil) throws -> Int64 {
        try fixture.store.write { [seed, now] db in
            try db.addValue(
                organizationID: seed.organizationID, indicatorCode: code, roundID: seed.roundID,
                contactID: seed.contactID, inboundID: try db.makeInbound(), state: state, value: value,
                documentID: nil, late: false, at: date ?? now)
        }
    }

    func addDocument() throws -> Int64 {
        try fixture.store.write { [seed, now] db in
            try db.addDocument(
                bytes: Array("%PDF-1.4\n%%EOF\n".utf8), sha256: "doc", fileName: "1.1 приказ.pdf",
                inboundID: try db.makeInbound(), organizationID: seed.organizationID, indicatorCode: "1.1",
                roundID: seed.roundID, at: now)
        }
    }

    func versions() throws -> [StoredValue] {
        try fixture.store.read { [seed] in try $0.values(organizationID: seed.organizationID, roundID: seed.roundID) }
    }

    @Test func keepsEveryVersionOfAValue() throws {
        let first = try addValue(.number(125), state: .review)
        let second = try addValue(.number(130), state: .saved, at: now.addingTimeInterval(60))
        let stored = try versions()
        #expect(stored.map(\.id) == [first, second])
        #expect(stored.map(\.value) == [.number(125), .number(130)])
        #expect(stored.map(\.state) == [.review, .saved])
    }

    @Test func returnsTheNewestVersionOfEachIndicator() throws {
        _ = try addValue(.number(125), state: .review)
        let newer = try addValue(.number(130), state: .saved)
        let yes = try addValue(.yesNo(true), code: "1.2", state: .review)
        let latest = try fixture.store.read { [seed] in
            try $0.latestValues(organizationID: seed.organizationID, roundID: seed.roundID)
        }
        #expect(latest.count == 2)
        #expect(latest["1.1"]?.id == newer)
        #expect(latest["1.1"]?.value == .number(130))
        #expect(latest["1.2"]?.id == yes)
        #expect(latest["1.2"]?.value == .yesNo(true))
    }

    @Test(arguments: [Value.number(0), .yesNo(false), .percentage(part: 45, whole: 300), .percentage(part: 0, whole: 1)])
    func readsBackEachKindOfValue(value: Value) throws {
        _ = try addValue(value, state: .review)
        #expect(try versions().map(\.value) == [value])
    }

    @Test func movesASavedVersionToReviewWhenItsDocumentArrives() throws {
        let id = try addValue(.number(125), state: .saved)
        let document = try addDocument()
        try fixture.store.write { try $0.attachDocument(valueID: id, documentID: document) }
        let stored = try #require(try versions().first)
        #expect(stored.state == .review)
        #expect(stored.documentID == document)
        let info = try #require(try fixture.store.read { try $0.documentInfo(id: document) })
        #expect(info.fileName == "1.1 приказ.pdf")
        #expect(info.size == 15)
    }

    @Test(arguments: [ValueState.review, .accepted, .rejected])
    func leavesAVersionThatIsNotSavedAlone(state: ValueState) throws {
        let id = try addValue(.number(125), state: state)
        let document = try addDocument()
        try fixture.store.write { try $0.attachDocument(valueID: id, documentID: document) }
        let stored = try #require(try versions().first)
        #expect(stored.state == state)
        #expect(stored.documentID == nil)
    }

    @Test func countsVersionsByState() throws {
        _ = try addValue(.number(1), state: .saved)
        _ = try addValue(.number(2), state: .review)
        _ = try addValue(.yesNo(true), code: "1.2", state: .review)
        #expect(try fixture.store.read { try $0.status() }.values == ["saved": 1, "review": 2])
    }

    @Test func findsTheNewestAcceptedVersionOnly() throws {
        let accepted = try addValue(.number(100), state: .accepted)
        _ = try addValue(.number(130), state: .review)
        _ = try addValue(.number(140), state: .rejected)
        func lastAccepted(_ code: String) throws -> StoredValue? {
            try fixture.store.read { [seed] in try $0.lastAccepted(organizationID: seed.organizationID, indicatorCode: code) }
        }
        let last = try lastAccepted("1.1")
        #expect(last?.id == accepted)
        #expect(last?.value == .number(100))
        #expect(try lastAccepted("1.2") == nil)
    }

    @Test func refusesAValueForAnIndicatorNotInTheCatalogue() throws {
        #expect(throws: StoreError.self) { try addValue(.number(1), code: "9.9", state: .review) }
        #expect(try versions().isEmpty)
    }
}
