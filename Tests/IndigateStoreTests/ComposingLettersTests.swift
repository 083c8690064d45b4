import Foundation
import IndigateCore
import IndigateStore
import Testing

/// Letters whose bytes are composed on the store's composing thread: stored before the commit,
/// gone with an undone savepoint, and a composition that fails undoes the whole transaction.
@Suite struct ComposingLettersTests {
    struct Failed: Error {}

    let fixture: StoreFixture
    let seed: StoreFixture.Seed
    let now = StoreFixture.now

    init() throws {
        fixture = try StoreFixture()
        seed = try fixture.seeded()
    }

    func enqueue(_ messageID: String, in tx: StoreTransaction, make: @escaping @Sendable () throws -> [UInt8]) throws {
        try tx.enqueueLetter(
            purpose: .receipt, contactID: seed.contactID, roundID: seed.roundID, inboundID: nil, messageID: messageID,
            subject: "Квитанция", recipient: "school5@school.test", at: now
        ) { _ in ("indigate@minobr.test", .later { ComposedLetter(subject: "Квитанция", bytes: try make()) }) }
    }

    @Test func theSubjectComposedElsewhereIsTheLetterRows() throws {
        try fixture.store.write { tx in
            for index in 0..<3 {
                try tx.enqueueLetter(
                    purpose: .receipt, contactID: seed.contactID, roundID: seed.roundID, inboundID: nil,
                    messageID: "s\(index)@minobr.test", subject: "", recipient: "school5@school.test", at: now
                ) { _ in
                    (
                        "indigate@minobr.test",
                        .later { ComposedLetter(subject: "Квитанция № \(index)", bytes: Array("letter".utf8)) }
                    )
                }
            }
        }
        let subjects = try fixture.store.read { tx in try tx.outboxRows(state: nil).map(\.subject) }
        #expect(subjects == ["Квитанция № 0", "Квитанция № 1", "Квитанция № 2"])
    }

    func stored() throws -> [String] {
        try fixture.store.read { tx in try tx.letters().map { String(decoding: $0.raw, as: UTF8.self) } }
    }

    @Test func bytesComposedElsewhereAreStoredBeforeTheCommit() throws {
        try fixture.store.write { tx in
            for index in 0..<20 {
                try enqueue("m\(index)@minobr.test", in: tx) {
                    // Slower than the writing thread's loop, so the commit has to wait.
                    if index == 0 { Thread.sleep(forTimeInterval: 0.05) }
                    return Array("letter \(index)".utf8)
                }
            }
        }
        #expect(try stored() == (0..<20).map { "letter \($0)" })
        #expect(try fixture.store.read { try $0.dueOutbox(at: now, limit: 50) }.count == 20)
    }

    @Test func anUndoneSavepointTakesItsLettersAlong() throws {
        try fixture.store.write { tx in
            try enqueue("kept@minobr.test", in: tx) { Array("kept".utf8) }
            #expect(throws: Failed.self) {
                try tx.savepoint {
                    try enqueue("undone@minobr.test", in: tx) { Array("undone".utf8) }
                    throw Failed()
                }
            }
            try enqueue("after@minobr.test", in: tx) { Array("after".utf8) }
        }
        #expect(try stored() == ["kept", "after"])
    }

    @Test func aCompositionThatFailsUndoesTheTransaction() throws {
        #expect(throws: Failed.self) {
            try fixture.store.write { tx in
                try enqueue("good@minobr.test", in: tx) { Array("good".utf8) }
                try enqueue("bad@minobr.test", in: tx) { throw Failed() }
            }
        }
        #expect(try stored().isEmpty)
        #expect(try fixture.store.read { try $0.dueOutbox(at: now, limit: 50) }.isEmpty)
        // The store goes on: the next transaction's letters are kept.
        try fixture.store.write { tx in try enqueue("next@minobr.test", in: tx) { Array("next".utf8) } }
        #expect(try stored() == ["next"])
    }

    /// A tick that queues a letter to every school keeps at most `maxPending` letters' bytes in
    /// memory: the rest are stored as they come, inside the transaction.
    @Test func manyLettersAreStoredAsTheyComeNotHeldToTheCommit() throws {
        try fixture.store.write { tx in
            for index in 0..<200 { try enqueue("m\(index)@minobr.test", in: tx) { Array("letter \(index)".utf8) } }
            let stored = try tx.letters().count
            #expect(stored >= 200 - 64 - 1 && stored < 200, "stored before the commit: \(stored)")
        }
        #expect(try stored() == (0..<200).map { "letter \($0)" })
    }

    /// Letters stored early inside a savepoint go with it when it is undone; those queued
    /// before it stay, bytes and rows together.
    @Test func lettersStoredInsideAnUndoneSavepointGoWithIt() throws {
        try fixture.store.write { tx in
            for index in 0..<70 { try enqueue("before\(index)@minobr.test", in: tx) { Array("before \(index)".utf8) } }
            #expect(throws: Failed.self) {
                try tx.savepoint {
                    for index in 0..<150 { try enqueue("inside\(index)@minobr.test", in: tx) { Array("inside".utf8) } }
                    #expect(try tx.letters().count > 70, "some stored inside the savepoint")
                    throw Failed()
                }
            }
        }
        #expect(try stored() == (0..<70).map { "before \($0)" })
        #expect(try fixture.store.read { try $0.dueOutbox(at: now, limit: 500) }.count == 70)
    }
}
