import Foundation
import IndigateMIME
import IndigateTransport
import Testing

@testable import IndigateApp

/// A pass over many batches, as deployed (the parser isolated): the next batch is fetched and
/// archived while the one before is still being handled.
@Suite struct PollPipelineTests {
    /// The inbox as the pass sees it, recording what each fetch took and each mark-done gave back.
    final class RecordingSource: InboundSource, @unchecked Sendable {
        let inner: MaildirInbox
        private let lock = NSLock()
        private(set) var fetched: [[String]] = []
        private(set) var done: [[String]] = []

        init(_ inner: MaildirInbox) { self.inner = inner }

        func fetch(limit: Int, maxBytes: Int, skipping: Set<String>) throws(TransportError) -> [InboundItem] {
            let items = try inner.fetch(limit: limit, maxBytes: maxBytes, skipping: skipping)
            lock.withLock { if !items.isEmpty { fetched.append(items.map(\.handle)) } }
            return items
        }

        func markDone(_ item: InboundItem) throws(TransportError) { try markDone([item]) }

        func markDone(_ items: [InboundItem]) throws(TransportError) {
            lock.withLock { done.append(items.map(\.handle)) }
            try inner.markDone(items)
        }
    }

    @Test func batchesOverlapYetEachMessageIsTakenOnceAndMarkedDoneInOrder() throws {
        let world = try HostileWorld()
        let school = HostileWorld.school
        func reply(_ number: Int) -> String {
            [
                "From: \(school)", "To: \(world.round.replyTo[school]!)", "Subject: Re: мониторинг",
                "Message-ID: <pipeline\(number)@school.test>", "Content-Type: text/plain; charset=utf-8", "",
                "1.5: \(number)", "",
            ].joined(separator: "\r\n")
        }
        for number in 1...11 {
            // The seventh is the second again, byte for byte: archived in another batch of the pass.
            try world.installation.deliver(reply(number == 7 ? 2 : number), name: String(format: "%02d.m", number))
        }
        let base = world.gateway.intake
        let intake = Intake(
            store: base.store,
            parser: ParserPool(
                executable: IsolatedParserTests.binary, workers: 2, memoryMegabytes: 2048, timeout: 10, limits: MIMELimits()),
            classifier: base.classifier, applier: base.applier,
            refusals: base.refusals, batchSize: 4, batchBytes: base.batchBytes, messageBytes: base.messageBytes,
            logger: base.logger)
        let source = RecordingSource(try world.installation.inbox)
        let report = try intake.poll(source: source, now: world.round.at("2020-09-11 11:00"))
        #expect(report.taken == 11 && report.applied == 10 && report.duplicates == 1)
        #expect(source.fetched.map(\.count) == [4, 4, 3])
        #expect(Set(source.fetched.joined()).count == 11, "no message fetched twice")
        #expect(source.done == source.fetched, "each batch marked done whole, in the order it was fetched")
        #expect(try world.installation.inbox.fetch(limit: 20, maxBytes: .max).isEmpty)
        #expect(try world.round.values(HostileWorld.inn)["1.5"]?.value == "11", "handled in the order they came")
        // Each message is archived as the very file it was delivered in (ten: the seventh is
        // the second), not copied into the blob file (`KeptFilesTests`).
        let database = world.installation.config.database
        let kept = try FileManager.default.contentsOfDirectory(atPath: database + "-files")
        let inodes = { (paths: [String]) in
            Set(
                paths.map { path -> UInt64 in
                    var info = stat()
                    return stat(path, &info) == 0 ? UInt64(info.st_ino) : 0
                })
        }
        let cur = (world.installation.config.transport.inbound.path ?? "") + "/cur"
        let delivered = try FileManager.default.contentsOfDirectory(atPath: cur).map { cur + "/" + $0 }
        #expect(kept.count == 10)
        #expect(inodes(kept.map { database + "-files/" + $0 }).isSubset(of: inodes(delivered)))
    }
}
