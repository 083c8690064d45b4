import Foundation
import IndigateCore
import IndigateStore
import Testing

@Suite struct StoreInboundTests {
    let fixture: StoreFixture
    let now = StoreFixture.now
    let raw = Array("From: school5@school.test\r\nSubject: Re: 1.2\r\n\r\n1.2: 125\r\n".utf8)

    init() throws {
        fixture = try StoreFixture()
    }

    func archive(_ sha256: String = "sha-1") throws -> ArchiveResult {
        try fixture.store.write { [raw, now] in try $0.archive(raw: raw, sha256: sha256, source: "maildir", at: now) }
    }

    @Test func archivesNewBytesThenReportsThemPendingThenDone() throws {
        guard case .new(let id) = try archive() else {
            Issue.record("the first archive is not new")
            return
        }
        #expect(try archive() == .pending(id))
        try fixture.store.write { [now] in
            try $0.finishInbound(id: id, outcome: .applied, detail: nil, contactID: nil, at: now)
        }
        #expect(try archive() == .done(id))
    }

    @Test func keepsTheBytesAndCountsParseAttempts() throws {
        guard case .new(let id) = try archive() else {
            Issue.record("the first archive is not new")
            return
        }
        try fixture.store.write { db in
            try db.countParseAttempt(inboundID: id)
            try db.countParseAttempt(inboundID: id)
        }
        let stored = try #require(try fixture.store.read { try $0.inbound(id: id) })
        #expect(stored.raw == raw)
        #expect(stored.sha256 == "sha-1")
        #expect(stored.outcome == .pending)
        #expect(stored.parseAttempts == 2)
    }

    @Test func archivesOtherBytesAsANewMessage() throws {
        guard case .new(let first) = try archive("sha-1"), case .new(let second) = try archive("sha-2") else {
            Issue.record("a new message was not archived as new")
            return
        }
        #expect(first != second)
        #expect(try fixture.store.read { try $0.pendingInbound() } == [first, second])
    }

    @Test func treatsAQuarantinedMessageAsDone() throws {
        guard case .new(let id) = try archive() else {
            Issue.record("the first archive is not new")
            return
        }
        try fixture.store.write { [now] in try $0.quarantine(inboundID: id, reason: "no token", detail: nil, at: now) }
        #expect(try archive() == .done(id))
        #expect(try fixture.store.read { try $0.pendingInbound() }.isEmpty)
        let status = try fixture.store.read { try $0.status() }
        #expect(status.quarantine == 1)
        #expect(status.inbound == ["quarantined": 1])
    }

    @Test func findsAResendOfAHandledMessageByMessageIDAndSender() throws {
        let (first, second) = try fixture.store.write { [now] db in
            let first = try db.makeInbound("one")
            let second = try db.makeInbound("two")
            try db.describeInbound(id: first, messageID: "m1@school.test", from: "school5@school.test", subject: "Re")
            try db.describeInbound(id: second, messageID: "m1@school.test", from: "school5@school.test", subject: "Re")
            try db.finishInbound(id: first, outcome: .applied, detail: nil, contactID: nil, at: now)
            return (first, second)
        }
        func isDuplicate(_ id: Int64, from: String) throws -> Bool {
            try fixture.store.read { try $0.isDuplicate(inboundID: id, messageID: "m1@school.test", from: from) }
        }
        #expect(try isDuplicate(second, from: "school5@school.test"))
        #expect(try !isDuplicate(first, from: "school5@school.test"))
        #expect(try !isDuplicate(second, from: "other@school.test"))
    }
}
