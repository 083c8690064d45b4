import Foundation
import Testing

@testable import IndigateCore

/// The value's life as production runs it: every transition the application makes goes
/// through `ValueLife`, so these are tests of production.
@Suite struct ValueLifeTests {
    static let now = Date(timeIntervalSince1970: 1_600_000_000)
    static let withDocument = Indicator(
        code: "1.1", groupCode: "1", question: "?", type: .numeric, document: "приказ", participants: .schools)
    static let withoutDocument = Indicator(code: "1.5", groupCode: "1", question: "?", type: .numeric, participants: .schools)
    static let share = Indicator(
        code: "1.3", groupCode: "1", question: "?", type: .percentage, parts: ["a", "b"], document: "справка",
        participants: .schools)

    func version(_ state: ValueState, supersededBy: Int64? = nil) -> ValueVersion {
        version(1, state, supersededBy: supersededBy)
    }

    func version(_ id: Int64, _ state: ValueState, supersededBy: Int64? = nil) -> ValueVersion {
        ValueVersion(
            id: id, organizationID: 1, indicatorCode: "1.1", roundID: 1, contactID: 1, inboundID: 1, state: state,
            value: .number(5), submittedAt: Self.now, supersededBy: supersededBy)
    }

    let accept = ValueLife.Decision(accept: true, operatorID: 9, resolution: nil)
    let reject = ValueLife.Decision(accept: false, operatorID: 9, resolution: "Уточните")

    @Test func aNewVersionWaitsForItsRequiredDocument() {
        #expect(ValueLife.startingState(of: .number(5), for: Self.withDocument, hasDocument: false) == .awaitingDocument)
        #expect(ValueLife.startingState(of: .number(5), for: Self.withDocument, hasDocument: true) == .review)
        #expect(ValueLife.startingState(of: .number(5), for: Self.withoutDocument, hasDocument: false) == .review)
    }

    @Test func zeroAndNoNeedNoDocument() {
        #expect(ValueLife.startingState(of: .number(0), for: Self.withDocument, hasDocument: false) == .review)
        #expect(ValueLife.startingState(of: .percentage(part: 0, whole: 0), for: Self.share, hasDocument: false) == .review)
        #expect(
            ValueLife.startingState(of: .percentage(part: 1, whole: 2), for: Self.share, hasDocument: false) == .awaitingDocument)
    }

    @Test func aDocumentSendsAWaitingVersionToReview() throws {
        let next = try ValueLife.attach(documentID: 7, to: version(.awaitingDocument)).get()
        #expect(next.state == .review && next.documentID == 7)
        #expect(ValueLife.attach(documentID: 7, to: version(.review)) == .failure(.notAwaitingDocument))
        #expect(ValueLife.attach(documentID: 7, to: version(.awaitingDocument, supersededBy: 2)) == .failure(.superseded(by: 2)))
    }

    @Test func anOperatorDecidesOnlyACurrentVersionUnderReview() throws {
        let accepted = try ValueLife.decide(accept, on: version(.review), at: Self.now).get()
        #expect(
            accepted.state == .accepted && accepted.decidedBy == 9 && accepted.decidedAt == Self.now && accepted.resolution == nil
        )
        let rejected = try ValueLife.decide(reject, on: version(.review), at: Self.now).get()
        #expect(rejected.state == .rejected && rejected.resolution == "Уточните")
        #expect(ValueLife.decide(accept, on: version(.awaitingDocument), at: Self.now) == .failure(.awaitingDocument))
    }

    @Test func aDecisionOnASupersededVersionIsRefused() {
        #expect(ValueLife.decide(accept, on: version(.review, supersededBy: 2), at: Self.now) == .failure(.superseded(by: 2)))
        #expect(
            ValueLife.decide(reject, on: version(.awaitingDocument, supersededBy: 3), at: Self.now)
                == .failure(.superseded(by: 3)))
    }

    @Test func theFirstDecisionStands() throws {
        let accepted = try ValueLife.decide(accept, on: version(.review), at: Self.now).get()
        #expect(ValueLife.decide(reject, on: accepted, at: Self.now) == .failure(.alreadyDecided(.accepted)))
        let rejected = try ValueLife.decide(reject, on: version(.review), at: Self.now).get()
        #expect(ValueLife.decide(accept, on: rejected, at: Self.now) == .failure(.alreadyDecided(.rejected)))
    }

    @Test func supersessionKeepsADecisionAndEndsAnUndecidedVersion() {
        #expect(ValueLife.supersede(version(.review), by: 2).stage == .superseded(by: 2))
        #expect(ValueLife.supersede(version(.awaitingDocument), by: 2).stage == .superseded(by: 2))
        // A rejected version corrected stays rejected in the history; an accepted one replaced
        // after its lock ended stays the last accepted value.
        #expect(ValueLife.supersede(version(.rejected), by: 2).stage == .rejected)
        #expect(ValueLife.supersede(version(.accepted), by: 2).stage == .accepted)
    }

    @Test func theLockHoldsAnAcceptedCurrentVersionUntilTheNextDataDate() {
        let accepted = version(.accepted)
        #expect(
            IndicatorStanding(indicator: Self.withDocument, current: accepted, lastAccepted: accepted, locksAccepted: true).locked
        )
        #expect(
            !IndicatorStanding(indicator: Self.withDocument, current: accepted, lastAccepted: accepted, locksAccepted: false)
                .locked)
        #expect(
            !IndicatorStanding(indicator: Self.withDocument, current: version(.review), lastAccepted: nil, locksAccepted: true)
                .locked)
    }

    @Test func aStandingShowsTheLastAcceptedValueBesideANewerOne() {
        var old = version(1, .accepted)
        old.decidedAt = Self.now
        let standing = IndicatorStanding(
            indicator: Self.withDocument, current: version(2, .review), lastAccepted: old, locksAccepted: true)
        #expect(standing.status == .underReview && standing.lastAccepted?.id == 1 && !standing.locked)
        let same = IndicatorStanding(indicator: Self.withDocument, current: old, lastAccepted: old, locksAccepted: true)
        #expect(same.lastAccepted == nil, "the current version is the accepted one: it is not repeated")
    }
}
