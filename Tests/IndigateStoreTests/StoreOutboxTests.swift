import Foundation
import IndigateCore
import IndigateStore
import Testing

@Suite struct StoreOutboxTests {
    let fixture: StoreFixture
    let seed: StoreFixture.Seed
    let now = StoreFixture.now

    init() throws {
        fixture = try StoreFixture()
        seed = try fixture.seeded()
    }

    @discardableResult
    func enqueue(_ messageID: String, purpose: LetterPurpose = .request) throws -> Int64 {
        try fixture.store.write { [seed, now] in
            try $0.enqueueLetter(
                purpose: purpose, contactID: seed.contactID, roundID: seed.roundID, inboundID: nil,
                messageID: messageID, subject: "Мониторинг", recipient: "school5@school.test", at: now
            ) { _ in ("indigate@minobr.test", .ready(Array("letter \(messageID)".utf8))) }
        }
    }

    func due(at date: Date) throws -> [OutboxRow] {
        try fixture.store.read { try $0.dueOutbox(at: date, limit: 10) }
    }

    @Test func makesAnEnqueuedLetterDueAtOnce() throws {
        let letterID = try enqueue("m1@minobr.test")
        let rows = try due(at: now)
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.letterID == letterID)
        #expect(row.recipient == "school5@school.test")
        #expect(row.envelopeFrom == "indigate@minobr.test")
        #expect(row.raw == Array("letter m1@minobr.test".utf8))
        #expect(row.state == .queued)
        #expect(row.attempts == 0)
        #expect(try due(at: now.addingTimeInterval(-1)).isEmpty)
    }

    @Test func hidesADeferredLetterUntilItsNextAttempt() throws {
        try enqueue("m1@minobr.test")
        let id = try #require(try due(at: now).first?.id)
        let later = now.addingTimeInterval(600)
        try fixture.store.write { try $0.markDeferred(outboxID: id, error: "451 try later", until: later) }
        #expect(try due(at: now).isEmpty)
        #expect(try due(at: later.addingTimeInterval(-1)).isEmpty)
        let row = try #require(try due(at: later).first)
        #expect(row.state == .deferred)
        #expect(row.attempts == 1)
        #expect(row.nextAttemptAt == later)
    }

    @Test func neverReturnsASentOrFailedLetter() throws {
        try enqueue("m1@minobr.test")
        try enqueue("m2@minobr.test")
        let ids = try due(at: now).map(\.id)
        try #require(ids.count == 2)
        try fixture.store.write { [now] db in
            try db.markSent(outboxID: ids[0], at: now)
            try db.markFailed(outboxID: ids[1], error: "550 no such user")
        }
        #expect(try due(at: now.addingTimeInterval(365 * 86_400)).isEmpty)
    }

    @Test func returnsDueLettersOldestFirstUpToTheLimit() throws {
        for n in 1...3 { try enqueue("m\(n)@minobr.test") }
        let rows = try fixture.store.read { [now] in try $0.dueOutbox(at: now, limit: 2) }
        #expect(rows.map(\.raw) == [Array("letter m1@minobr.test".utf8), Array("letter m2@minobr.test".utf8)])
    }

    @Test func refusesASecondLetterWithTheSameMessageID() throws {
        try enqueue("m1@minobr.test")
        #expect(throws: StoreError.self) { try enqueue("m1@minobr.test") }
        #expect(try due(at: now).count == 1)
    }

    @Test func countsLettersByState() throws {
        for n in 1...4 { try enqueue("m\(n)@minobr.test") }
        let ids = try due(at: now).map(\.id)
        try fixture.store.write { [now] db in
            try db.markSent(outboxID: ids[0], at: now)
            try db.markSent(outboxID: ids[1], at: now)
            try db.markFailed(outboxID: ids[2], error: "550")
        }
        #expect(try fixture.store.read { try $0.status() }.outbox == ["sent": 2, "failed": 1, "queued": 1])
    }

    @Test func listsLettersByPurpose() throws {
        try enqueue("m1@minobr.test", purpose: .request)
        try enqueue("m2@minobr.test", purpose: .receipt)
        let receipts = try fixture.store.read { try $0.letters(purpose: .receipt) }
        #expect(receipts.map(\.purpose) == [.receipt])
        #expect(receipts.map(\.raw) == [Array("letter m2@minobr.test".utf8)])
        #expect(try fixture.store.read { try $0.letters() }.count == 2)
    }
}
