import Foundation
import InMemoryLogging
import IndigateCore
import IndigateTransport
import Logging
import Testing

@testable import IndigateApp
@testable import indigate

/// The log an administrator traces a message or a letter by: one line each, keyed by id, with
/// what happened — and never a token, a body or a password.
@Suite struct LogTests {
    static let school = HostileWorld.school

    @Test func linesAreTimedInTheRegionsOffset() {
        let date = Date(timeIntervalSince1970: 1_599_800_400)  // 2020-09-11 05:00:00 UTC
        #expect(RegionLogHandler.timestamp(date, in: TimeZone(secondsFromGMT: 5 * 3600)!) == "2020-09-11T10:00:00+05:00")
        #expect(RegionLogHandler.timestamp(date, in: TimeZone(secondsFromGMT: -(3 * 3600 + 1800))!) == "2020-09-11T01:30:00-03:30")
        #expect(RegionLogHandler.timestamp(date.addingTimeInterval(0.999), in: TimeZone(secondsFromGMT: 0)!) == "2020-09-11T05:00:00+00:00")
    }

    @Test func oneLinePerMessageAndPerLetterWithoutTokensOrBodies() throws {
        let world = try HostileWorld()
        let memory = InMemoryLogHandler()
        var logger = Logger(label: "test") { _ in memory }
        logger.logLevel = .info
        let gateway = try Gateway(config: world.installation.config, logger: logger)
        let raw = "From: \(Self.school)\r\nTo: \(world.round.replyTo[Self.school]!)\r\nSubject: Re\r\nMessage-ID: <traced@x.test>\r\n\r\n1.5: 7\r\nСЕКРЕТНЫЙ ТЕКСТ\r\n"
        try world.installation.deliver(raw, name: "1.reply")
        _ = try gateway.intake.poll(source: try world.installation.inbox, now: world.round.at("2020-09-11 10:00"))
        _ = try gateway.sender.flush(transport: try world.installation.outbox, now: world.round.at("2020-09-11 10:01"))

        let messages = memory.entries.filter { $0.message == "message" }
        #expect(messages.count == 1)
        #expect(messages.first?.metadata["message-id"] == "traced@x.test")
        #expect(messages.first?.metadata["class"] == "respondent" && messages.first?.metadata["outcome"] == "applied")
        let letters = memory.entries.filter { $0.message == "letter" }
        #expect(letters.count == 1 && letters.first?.metadata["to"] == "\(Self.school)")
        #expect(letters.first?.metadata["result"] == "sent" && letters.first?.metadata["outbox"] != nil)
        let everything = memory.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        #expect(!everything.contains("monitoring+"), "no token")
        #expect(!everything.contains("СЕКРЕТНЫЙ"), "no body")
    }

    @Test func aServerThatStopsAnsweringIsLoggedOnce() throws {
        let world = try HostileWorld()
        let memory = InMemoryLogHandler()
        let logger = Logger(label: "test") { _ in memory }
        let gateway = try Gateway(config: world.installation.config, logger: logger)
        _ = try world.round.reply(from: Self.school, "1.5: 7", at: world.round.at("2020-09-11 10:00"))
        // A closed loopback port: the connection is refused at once.
        let down = SMTPTransport(settings: .init(url: "smtp://127.0.0.1:1", startTLS: "off", helo: "indigate.test", timeoutSeconds: 2))
        for minute in 1...3 {
            _ = try gateway.sender.flush(transport: down, now: world.round.at("2020-09-11 1\(minute):00"))
        }
        #expect(memory.entries.filter { $0.level == .warning && "\($0.message)".contains("not answering") }.count == 1)
        _ = try gateway.sender.flush(transport: try world.installation.outbox, now: world.round.at("2020-09-12 10:00"))
        #expect(memory.entries.contains { "\($0.message)" == "the mail server answers again" })
    }
}
