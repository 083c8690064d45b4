import Foundation
import Testing

@testable import IndigateApp

/// How a batch is dealt to the SMTP sessions of a flush, and that every letter of a round goes
/// out once over two sessions.
@Suite struct SenderSharesTests {
    @Test func aBatchIsDealtInTurnKeepingEachSessionsOrder() {
        #expect(Sender.shares(5, connections: 2) == [[0, 2, 4], [1, 3]])
        #expect(Sender.shares(1, connections: 2) == [[0]], "one letter, one session")
        #expect(Sender.shares(4, connections: 1) == [[0, 1, 2, 3]])
        #expect(Sender.shares(7, connections: 3).flatMap { $0 }.sorted() == Array(0..<7))
    }

    @Test func aRoundsLettersGoOutOnceOverTwoSessions() throws {
        let round = try ValueModelTests().september()
        #expect(round.installation.config.outbox.effectiveConnections == 2)
        let letters = try round.installation.sentLetters()
        let ids = letters.compactMap(\.parsed.messageID)
        #expect(!ids.isEmpty && Set(ids).count == ids.count, "no letter twice")
        let outbox = try round.gateway.testStore.read { try $0.outboxRows(state: nil) }.map(\.row)
        #expect(outbox.allSatisfy { $0.state == .sent } && outbox.count == letters.count)
    }
}
