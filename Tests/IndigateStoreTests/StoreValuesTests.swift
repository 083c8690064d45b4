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

    /// Stores a version and supersedes the current one, as the application does.
    func addValue(_ value: Value, code: String = "1.1", state: ValueState, at date: Date? = nil) throws -> Int64 {
        try fixture.store.write { [seed, now] db in
            let current = try db.currentVersions(organizationID: seed.organizationID, roundID: seed.roundID)[code]
            let id = try db.insertVersion(
                ValueVersion(
                    id: 0, organizationID: seed.organizationID, indicatorCode: code, roundID: seed.roundID,
                    contactID: seed.contactID, inboundID: try db.makeInbound(), state: state, value: value,
                    submittedAt: date ?? now, decidedAt: state.isDecided ? (date ?? now) : nil))
            if let current { #expect(try db.saveTransition(from: current, to: ValueLife.supersede(current, by: id))) }
            return id
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

    func versions() throws -> [ValueVersion] {
        try fixture.store.read { [seed] in try $0.versions(organizationID: seed.organizationID, roundID: seed.roundID) }
    }

    @Test func keepsEveryVersionOfAValue() throws {
        let first = try addValue(.number(125), state: .review)
        let second = try addValue(.number(130), state: .awaitingDocument, at: now.addingTimeInterval(60))
        let stored = try versions()
        #expect(stored.map(\.id) == [first, second])
        #expect(stored.map(\.value) == [.number(125), .number(130)])
        #expect(stored.map(\.state) == [.review, .awaitingDocument])
        #expect(stored.map(\.supersededBy) == [second, nil], "the older version names the one that replaced it")
    }

    @Test func returnsTheNewestVersionOfEachIndicator() throws {
        _ = try addValue(.number(125), state: .review)
        let newer = try addValue(.number(130), state: .awaitingDocument)
        let yes = try addValue(.yesNo(true), code: "1.2", state: .review)
        let latest = try fixture.store.read { [seed] in
            try $0.currentVersions(organizationID: seed.organizationID, roundID: seed.roundID)
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

    @Test func recordsATransitionOnlyFromTheStateItWasDecidedOn() throws {
        let id = try addValue(.number(125), state: .awaitingDocument)
        let document = try addDocument()
        let waiting = try #require(try versions().first)
        let complete = try ValueLife.attach(documentID: document, to: waiting).get()
        #expect(try fixture.store.write { try $0.saveTransition(from: waiting, to: complete) })
        let stored = try #require(try versions().first)
        #expect(stored.id == id && stored.state == .review && stored.documentID == document)
        // The same transition again finds the row moved on: nothing changes.
        #expect(try !fixture.store.write { try $0.saveTransition(from: waiting, to: complete) })
        let info = try #require(try fixture.store.read { try $0.documentInfo(id: document) })
        #expect(info.fileName == "1.1 приказ.pdf")
        #expect(info.size == 15)
    }

    @Test func keepsEveryDecisionInTheReviewLog() throws {
        _ = try addValue(.number(125), state: .review)
        let version = try #require(try versions().first)
        let decided = try ValueLife.decide(
            .init(accept: false, operatorID: seed.contactID, resolution: "Проверьте"), on: version, at: now
        ).get()
        try fixture.store.write { tx in
            #expect(try tx.saveTransition(from: version, to: decided))
            try tx.logDecision(decided, inboundID: nil)
        }
        #expect(try versions().first?.resolution == "Проверьте")
    }

    @Test func countsVersionsByState() throws {
        _ = try addValue(.number(1), state: .awaitingDocument)
        _ = try addValue(.number(2), state: .review, at: now.addingTimeInterval(1))
        _ = try addValue(.yesNo(true), code: "1.2", state: .review)
        #expect(try fixture.store.read { try $0.status() }.values == ["saved": 1, "review": 2])
    }

    @Test func findsTheNewestAcceptedVersionOnly() throws {
        let accepted = try addValue(.number(100), state: .accepted)
        _ = try addValue(.number(130), state: .review)
        _ = try addValue(.number(140), state: .rejected)
        func lastAccepted(_ code: String) throws -> ValueVersion? {
            try fixture.store.read { [seed] in try $0.lastAccepted(organizationID: seed.organizationID)[code] }
        }
        let last = try lastAccepted("1.1")
        #expect(last?.id == accepted)
        #expect(last?.value == .number(100))
        #expect(try lastAccepted("1.2") == nil)
    }

    @Test func theNewestAcceptedIsTheLatestDecisionAndOfTwoAtOnceTheLaterVersion() throws {
        let later = now.addingTimeInterval(3600)
        _ = try addValue(.number(100), state: .accepted, at: later)
        _ = try addValue(.number(90), state: .accepted, at: now)
        let tied = try addValue(.number(110), state: .accepted, at: later)
        let other = try addValue(.yesNo(true), code: "1.2", state: .accepted, at: now)
        _ = try addValue(.number(120), state: .review, at: later.addingTimeInterval(60))
        let newest = try fixture.store.read { [seed] in try $0.lastAccepted(organizationID: seed.organizationID) }
        #expect(newest.mapValues(\.id) == ["1.1": tied, "1.2": other])
        #expect(newest["1.1"]?.value == .number(110))
    }

    @Test func refusesAValueForAnIndicatorNotInTheCatalogue() throws {
        #expect(throws: StoreError.self) { try addValue(.number(1), code: "9.9", state: .review) }
        #expect(try versions().isEmpty)
    }
}
