import Foundation
import IndigateMIME
import Testing

@testable import IndigateApp

/// The parse worker: kept alive across messages, replaced when it dies or hangs, and a
/// message that keeps killing it is quarantined after three attempts while the rest go on.
@Suite(.serialized) struct IsolatedParserTests {
    static let binary = TestInstallation.repository + "/.build/debug/indigate"

    init() {
        setenv("INDIGATE_PARSE_WORKER_FAULTS", "1", 1)
    }

    func message(_ extraHeader: String = "", body: String = "1.1: 5") -> [UInt8] {
        Array("From: a@b.test\r\nSubject: test\r\n\(extraHeader)\r\n\(body)\r\n".utf8)
    }

    @Test func parsesInAWorkerAndSurvivesCrashesAndHangs() throws {
        let parser = IsolatedParser(executable: Self.binary, memoryMegabytes: 2048, timeout: 2, limits: MIMELimits())
        guard case .parsed(let first) = parser.parse(message()) else {
            Issue.record("not parsed")
            return
        }
        #expect(first.text == "1.1: 5\n")
        #expect(first.from == ["a@b.test"])

        #expect(parser.parse(message("X-Indigate-Test-Fault: crash\r\n")) == .parserFailed("the worker died"))
        guard case .parsed = parser.parse(message()) else {
            Issue.record("no new worker after a crash")
            return
        }

        let started = Date()
        #expect(parser.parse(message("X-Indigate-Test-Fault: hang\r\n")) == .parserFailed("timed out after 2 s"))
        #expect(Date().timeIntervalSince(started) < 5)
        guard case .parsed = parser.parse(message()) else {
            Issue.record("no new worker after a hang")
            return
        }
    }

    /// A batch on a pool of workers: outcomes in the batch's order, each worker replaced when a
    /// message kills it, the rest of the batch parsed.
    @Test func aPoolParsesABatchSideBySideAndKeepsItsOrder() {
        let pool = ParserPool(executable: Self.binary, workers: 2, memoryMegabytes: 2048, timeout: 5, limits: MIMELimits())
        var batch = (0..<12).map { self.message(body: "1.1: \($0)") }
        batch[5] = message("X-Indigate-Test-Fault: crash\r\n")
        let outcomes = pool.parseAll(batch)
        #expect(outcomes.count == 12)
        #expect(outcomes[5] == .parserFailed("the worker died"))
        for index in batch.indices where index != 5 {
            guard case .parsed(let parsed) = outcomes[index] else {
                Issue.record("message \(index) not parsed: \(outcomes[index])")
                continue
            }
            #expect(parsed.text == "1.1: \(index)\n", "in the batch's order")
        }
        #expect(Set(pool.workers.map { $0.workerID }).count == 2, "two worker processes")
    }

    /// What a worker answers is what the parser found: every reply fixture (texts, forwarded
    /// texts, attachments with their PDF inspections and forms) parsed in a worker equals the
    /// same bytes parsed here.
    @Test func theWorkersAnswerCarriesTheWholeParse() throws {
        let folder = TestInstallation.fixtures + "/replies"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }.sorted()
        let raws = try names.map { Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) }
        #expect(raws.count > 30)
        let pool = ParserPool(executable: Self.binary, workers: 2, memoryMegabytes: 2048, timeout: 10, limits: MIMELimits())
        let here = InProcessParser(limits: MIMELimits())
        var forwarded = 0
        for (name, (raw, outcome)) in zip(names, zip(raws, pool.parseAll(raws))) {
            #expect(outcome == here.parse(raw), "\(name)")
            if case .parsed(let message) = outcome { forwarded += message.forwardedTexts.count }
        }
        #expect(forwarded > 0, "a forwarded text went through")
    }

    /// A worker parses its share of messages and is replaced, so whatever a library leaks per
    /// message stays bounded; the messages themselves are all parsed.
    @Test func aWorkerIsRetiredAfterItsShareOfMessages() {
        let parser = IsolatedParser(
            executable: Self.binary, memoryMegabytes: 2048, timeout: 5, limits: MIMELimits(), messagesPerWorker: 3)
        var workers: [Int32?] = []
        for index in 0..<7 {
            guard case .parsed(let parsed) = parser.parse(message(body: "1.1: \(index)")) else {
                Issue.record("message \(index) not parsed")
                return
            }
            #expect(parsed.text == "1.1: \(index)\n")
            workers.append(parser.workerID)
        }
        // Each successor is started as its predecessor retires.
        #expect(workers == [workers[0], workers[0], workers[2], workers[2], workers[2], workers[5], workers[5]])
        #expect(Set(workers.compactMap { $0 }).count == 3, "three worker processes for seven messages")
        // The retired ones are killed and reaped (a zombie would still answer kill(pid, 0)).
        let retired = [workers[0], workers[2]].compactMap { $0 }
        let deadline = Date().addingTimeInterval(10)
        while retired.contains(where: { kill($0, 0) == 0 }), Date() < deadline { usleep(10_000) }
        #expect(retired.allSatisfy { kill($0, 0) == -1 && errno == ESRCH }, "retired workers gone")
        #expect(kill(workers[6]!, 0) == 0, "the last one still serves")
    }

    /// A pass starts the workers as soon as it has read messages (`warmUp`), and a worker that
    /// is running is kept.
    @Test func warmingUpStartsEachWorkerOnce() {
        let pool = ParserPool(executable: Self.binary, workers: 2, memoryMegabytes: 2048, timeout: 5, limits: MIMELimits())
        #expect(pool.workers.allSatisfy { $0.workerID == nil })
        pool.warmUp()
        let deadline = Date().addingTimeInterval(10)
        while pool.workers.contains(where: { $0.workerID == nil }), Date() < deadline { usleep(10_000) }
        let started = pool.workers.map(\.workerID)
        #expect(started.allSatisfy { $0 != nil } && Set(started).count == 2, "two workers started")
        pool.warmUp()
        guard case .parsed = pool.parse(message()) else {
            Issue.record("not parsed after warming up")
            return
        }
        usleep(100_000)
        #expect(pool.workers.map(\.workerID) == started, "the same workers")
    }

    /// A document's first page is drawn by the worker too, a PDF poppler cannot open gives
    /// nothing, and the worker goes on parsing.
    @Test func theWorkerDrawsFirstPages() throws {
        let parser = IsolatedParser(executable: Self.binary, memoryMegabytes: 2048, timeout: 5, limits: MIMELimits())
        let png = try #require(parser.firstPage(try TestInstallation.pdf("plain-one-page.pdf")))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 24)
        #expect(png[16..<20].reduce(0) { $0 << 8 | Int($1) } == 240)
        let worker = parser.workerID
        #expect(parser.firstPage(Array("%PDF-1.4 not really".utf8)) == nil)
        #expect(parser.workerID == worker, "the same worker")
        guard case .parsed(let parsed) = parser.parse(message()) else {
            Issue.record("not parsed after drawing")
            return
        }
        #expect(parsed.text == "1.1: 5\n")
    }

    /// A length beyond what an Int holds, as a subverted worker may write, is refused by the
    /// length checks instead of trapping in the conversion.
    @Test func aHugeFrameLengthReadsAsTheLargestInt() {
        #expect(WorkerFrame.length([UInt8](repeating: 0xFF, count: 8)) == Int.max)
        #expect(WorkerFrame.length(WorkerFrame.header(length: 1_234_567)) == 1_234_567)
    }

    @Test func refusalsComeBackAsRefusals() {
        let parser = IsolatedParser(executable: Self.binary, memoryMegabytes: 2048, timeout: 5, limits: MIMELimits())
        let groups = String(repeating: "a:", count: 20_000)
        #expect(parser.parse(message("To: \(groups)\r\n")) == .refused(.hostileHeader(name: "to")))
        #expect(parser.parse([]) == .refused(.notAMessage))
    }

    @Test func aMessageThatKillsTheParserIsQuarantinedAfterThreeAttempts() throws {
        let installation = try TestInstallation()
        let parser = IsolatedParser(
            executable: Self.binary, memoryMegabytes: 2048, timeout: 5, limits: installation.config.mimeLimits)
        var logger = installation.gateway.logger
        logger.logLevel = .critical
        let gateway = try Gateway(config: installation.config, logger: logger, parsing: parser)
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try gateway.setup.run(now: now)
        try installation.deliver(
            "From: etkul-sosh@etkul.edu.test\r\nX-Indigate-Test-Fault: crash\r\nSubject: x\r\n\r\n1.1: 1\r\n",
            name: "1.killer")
        try installation.deliver("From: nobody@x.test\r\nSubject: hello\r\n\r\n1.1: 1\r\n", name: "2.plain")

        let first = try gateway.intake.poll(source: installation.inbox, now: now)
        #expect(first.taken == 2 && first.deferred == 1 && first.quarantined == 1, "the other message goes on")
        #expect(try gateway.intake.poll(source: installation.inbox, now: now).deferred == 1)
        let third = try gateway.intake.poll(source: installation.inbox, now: now)
        #expect(third.quarantined == 1 && third.deferred == 0)
        #expect(try gateway.admin.status().inbound == ["quarantined": 2])
        #expect(try gateway.intake.poll(source: installation.inbox, now: now).taken == 0)
    }
}
