import Foundation
import IndigateStore
import IndigateTransport
import Logging
import Testing

@testable import IndigateApp

/// Results are committed in groups while the server answers fast, one by one when it answers
/// slowly, and every letter's own result is what its row says afterwards.
@Suite struct SenderGroupCommitTests {
    /// A server answering from a rule — the first `slow` letters after a pause, each looked at
    /// by `beforeAnswer` with the ids the server answered before it.
    final class RuleTransport: OutboundTransport, @unchecked Sendable {
        let slow: Int
        let answer: @Sendable (Int64) -> DeliveryResult
        let beforeAnswer: ([Int64]) -> Void
        let lock = NSLock()
        var answered: [Int64] = []
        init(
            slow: Int = 0, answer: @escaping @Sendable (Int64) -> DeliveryResult,
            beforeAnswer: @escaping ([Int64]) -> Void = { _ in }
        ) {
            self.slow = slow
            self.answer = answer
            self.beforeAnswer = beforeAnswer
        }
        func send(_ messages: [OutboundMessage], onResult: (Int, DeliveryResult, String) -> Bool) {
            for (index, message) in messages.enumerated() {
                let earlier = lock.withLock { answered }
                if earlier.count < slow {
                    Thread.sleep(forTimeInterval: 0.03)
                    beforeAnswer(earlier)
                }
                lock.withLock { answered.append(message.id) }
                guard onResult(index, answer(message.id), "250 test") else { return }
            }
        }
    }

    func queuedRound() throws -> (TestInstallation, Store) {
        let installation = try TestInstallation()
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try installation.gateway.setup.run(now: now)
        _ = try installation.gateway.scheduler.rounds.open(
            month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: ["1", "2", "3"], now: now)
        return (installation, installation.gateway.testStore)
    }

    func sender(_ installation: TestInstallation, connections: Int, batch: Int) -> Sender {
        var settings = installation.config.outbox
        settings.connections = connections
        var logger = Logger(label: "indigate.test")
        logger.logLevel = .critical
        return Sender(store: installation.gateway.testStore, settings: settings, batchSize: batch, logger: logger)
    }

    static func states(_ store: Store) throws -> [Int64: OutboxState] {
        Dictionary(uniqueKeysWithValues: try store.read { try $0.outboxRows(state: nil) }.map { ($0.row.id, $0.row.state) })
    }

    @Test func eachLettersOwnResultIsRecordedWhenGroupsSpanSessions() throws {
        let (installation, store) = try queuedRound()
        let queued = try Self.states(store).keys.sorted()
        #expect(queued.count > Sender.resultsPerCommit * 2, "more letters than two groups")
        let answer: @Sendable (Int64) -> DeliveryResult = { id in
            switch id % 5 {
            case 3: .deferred(DeliveryProblem(.temporary, "451 later"))
            case 4: .failed(DeliveryProblem(.permanent, "550 no such user"))
            default: .sent
            }
        }
        let report = try sender(installation, connections: 2, batch: 50).flush(
            transport: RuleTransport(answer: answer), now: TestInstallation.date("2020-09-10T06:00:00Z"))
        let states = try Self.states(store)
        for id in queued {
            let expected: OutboxState =
                switch answer(id) {
                case .sent: .sent
                case .deferred: .deferred
                case .failed: .failed
                }
            #expect(states[id] == expected, "letter \(id)")
        }
        #expect(report.sent == queued.filter { $0 % 5 < 3 }.count)
        #expect(report.deferred == queued.filter { $0 % 5 == 3 }.count)
        #expect(report.failed == queued.filter { $0 % 5 == 4 }.count)
    }

    @Test func aSlowServersLettersAreCommittedOneByOne() throws {
        let (installation, store) = try queuedRound()
        var unrecorded: [Int64] = []
        let transport = RuleTransport(slow: 6, answer: { _ in .sent }) { earlier in
            let states = (try? Self.states(store)) ?? [:]
            unrecorded += earlier.filter { states[$0] != .sent }
        }
        let report = try sender(installation, connections: 1, batch: 50).flush(
            transport: transport, now: TestInstallation.date("2020-09-10T06:00:00Z"))
        #expect(report.sent > 6)
        #expect(unrecorded == [], "each of the first six committed before the next is answered")
    }
}
