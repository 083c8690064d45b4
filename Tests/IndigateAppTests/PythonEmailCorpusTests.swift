import Foundation
import IndigateCore
import IndigateMIME
import Testing

@testable import IndigateApp

/// Robustness: Python's email test messages (Debian's libpython3.11-testsuite, many of them
/// malformed), each made into a school's reply (its From and To replaced by the school and a
/// valid reply address) and fed through the isolated parser as deployed. None may crash or
/// hang the parser; each is answered, quarantined or ignored with a reason.
@Suite(SystemTests.needs("Python's email corpus (libpython3.11-testsuite)")) struct PythonEmailCorpusTests {
    static let directory = "/usr/lib/python3.11/test/test_email/data"
    static let school = "etkul-sosh@etkul.edu.test"

    @Test func everyMessageIsAnsweredOrSetAsideWithAReason() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory)
            .filter { $0.hasPrefix("msg_") && $0.hasSuffix(".txt") }.sorted()
        #expect(names.count >= 40, "libpython3.11-testsuite is installed by scripts/install-deps.sh --test")

        let installation = try TestInstallation()
        let parser = IsolatedParser(
            executable: IsolatedParserTests.binary, memoryMegabytes: 2048, timeout: 10,
            limits: installation.config.mimeLimits)
        let gateway = try Gateway(config: installation.config, logger: installation.gateway.logger, parsing: parser)
        var now = TestInstallation.date("2020-09-10T06:00:00Z")
        _ = try gateway.setup.run(now: now)
        _ = try gateway.scheduler.rounds.open(month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: [], now: now)
        let request = try #require(
            try gateway.testStore.read { try $0.letters(purpose: .request) }.first { $0.recipient == Self.school })
        let replyTo = try MessageParser().parse(request.raw).replyTo[0]

        var outcomes: [String: Int] = [:]
        for name in names {
            now = now.addingTimeInterval(25 * 3600)  // a day apart: below every letter limit
            let original = Array(try Data(contentsOf: URL(fileURLWithPath: "\(Self.directory)/\(name)")))
            let raw = Self.asReply(original, from: Self.school, to: replyTo)
            let receiptsBefore = try gateway.testStore.read { try $0.letters(purpose: .receipt) }.count
            let outcome = try gateway.intake.ingest(raw, source: name, now: now)
            switch outcome {
            case .applied:
                let receipts = try gateway.testStore.read { try $0.letters(purpose: .receipt) }.count
                #expect(receipts == receiptsBefore + 1, "\(name): answered with a receipt")
                outcomes["applied", default: 0] += 1
            case .quarantined(_, _, let reason):
                outcomes[reason.rawValue, default: 0] += 1
            case .ignored(_, let reason):
                outcomes[reason.description, default: 0] += 1
            case .duplicate:
                outcomes["duplicate", default: 0] += 1
            case .deferred(_, let reason):
                Issue.record("\(name): the parser failed: \(reason)")
            }
        }
        // Every message has an outcome, and the corpus's shapes lead where they should: the 47
        // messages as measured when this corpus was first run through the isolated parser.
        #expect(
            outcomes == [
                "applied": 36, "duplicate Message-ID": 4, "precedence": 3, "auto-submitted": 1, "bounce 5.7.1": 1,
                "bounce: delivery report": 1, "duplicate": 1,
            ], "\(outcomes)")
        print("python email corpus: \(names.count) messages: \(outcomes.sorted { $0.key < $1.key })")
    }

    /// Replaces the message's From, To, Cc, Reply-To and Delivered-To with the school and the
    /// reply address; everything else (broken or not) is left as it is.
    static func asReply(_ raw: [UInt8], from: String, to: String) -> [UInt8] {
        let dropped: Set<String> = ["from", "to", "cc", "reply-to", "delivered-to", "sender"]
        var output = Array("From: \(from)\r\nTo: \(to)\r\n".utf8)
        var index = 0
        var skipping = false
        while index < raw.count {
            let end = raw[index...].firstIndex(of: 0x0A).map { $0 + 1 } ?? raw.count
            let line = Array(raw[index..<end])
            index = end
            let content = line.filter { $0 != 0x0A && $0 != 0x0D }
            if content.isEmpty {
                output += line + raw[index...]
                return output
            }
            if content.first == 0x20 || content.first == 0x09 {
                if !skipping { output += line }
                continue
            }
            let name = content.prefix { $0 != 0x3A }
            skipping = dropped.contains(String(decoding: name, as: UTF8.self).lowercased())
            if !skipping { output += line }
        }
        return output
    }
}
