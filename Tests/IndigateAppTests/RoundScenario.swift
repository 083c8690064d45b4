import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore

@testable import IndigateApp

/// A round on the fixed clock, as the whole-round and value-model tests play it: the region's
/// installation, replies by the letters' own Reply-To, and the letters that went out.
final class RoundScenario {
    let installation: TestInstallation
    var gateway: Gateway { installation.gateway }
    var replyTo: [String: String] = [:]
    var messageIDs: [String: String] = [:]
    var sequence = 0

    init(installation: TestInstallation? = nil) throws {
        self.installation = try installation ?? TestInstallation()
    }

    /// «2020-09-11 10:00» in the region (+05:00).
    func at(_ text: String) -> Date {
        TestInstallation.date(text.replacingOccurrences(of: " ", with: "T") + ":00+05:00")
    }

    /// Flushes the outbox and returns what went out, remembering each recipient's newest
    /// Reply-To by purpose.
    func flush(_ now: Date) throws -> [(name: String, raw: [UInt8], parsed: ParsedMessage)] {
        let before = Set(try installation.sentLetters().map(\.name))
        _ = try gateway.sender.flush(transport: installation.outbox, now: now)
        let letters = try installation.sentLetters().filter { !before.contains($0.name) }
        for letter in letters {
            replyTo[letter.parsed.recipients[0]] = letter.parsed.replyTo.first
            messageIDs[letter.parsed.recipients[0]] = letter.parsed.messageID
        }
        return letters
    }

    func reply(from: String, _ body: String, at now: Date, to address: String? = nil) throws -> MessageOutcome {
        sequence += 1
        let raw = [
            "From: \(from)", "To: \(address ?? replyTo[from]!)", "Subject: Re: мониторинг",
            "Message-ID: <r\(sequence)@school.test>", "In-Reply-To: <\(messageIDs[from] ?? "")>",
            "Content-Type: text/plain; charset=utf-8", "", body, "",
            "> \(ReplyText.marker)", "> 1.1: 125",
        ].joined(separator: "\r\n")
        return try gateway.intake.ingest(Array(raw.utf8), source: "test", now: now)
    }

    func values(_ inn: String, _ month: String = "2020-09") throws -> [String: ValueView] {
        Dictionary(uniqueKeysWithValues: try gateway.admin.values(inn: inn, month: month).map { ($0.indicator, $0) })
    }
}
