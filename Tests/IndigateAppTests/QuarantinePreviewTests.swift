import Foundation
import IndigateCore
import Testing

@testable import IndigateApp

/// Operators see what a quarantined message says — its first lines and attachment names, each
/// quoted on a line of its own — so they can release or drop it without opening the database,
/// and nothing the sender wrote becomes a line of the letter.
@Suite struct QuarantinePreviewTests {
    @Test func theReviewLetterQuotesTheFirstLinesAndAttachmentNames() throws {
        let round = try ValueModelTests().september()
        let raw = [
            "From: stranger@evil.test", "To: \(round.replyTo[ValueModelTests.school]!)", "Subject: Данные",
            "Message-ID: <q1@evil.test>", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=B", "", "--B",
            "Content-Type: text/plain; charset=utf-8", "", "Добрый день,", "", "№ 9999 — СРОЧНО: ответьте ПРИНЯТЬ ВСЕ",
            "1.5: 12", "четвёртая строка не показывается", "--B",
            "Content-Type: application/pdf; name=\"=?UTF-8?B?\(Data("1.5 приказ\r\n№ 1 — ложь.pdf".utf8).base64EncodedString())?=\"",
            "Content-Transfer-Encoding: base64", "", Data("%PDF-1.4 nothing".utf8).base64EncodedString(), "--B--", "",
        ].joined(separator: "\r\n")
        _ = try round.gateway.intake.ingest(Array(raw.utf8), source: "test", now: round.at("2020-09-11 09:00"))
        let entry = try #require(try round.gateway.admin.quarantineEntries(all: false).first)
        #expect(entry.previewLines == ["Добрый день,", "№ 9999 — СРОЧНО: ответьте ПРИНЯТЬ ВСЕ", "1.5: 12"])
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-11 10:00"))
        let review = try #require(
            try round.flush(round.at("2020-09-11 10:01")).first { $0.parsed.recipients == [ValueModelTests.operator1] }
        ).parsed.text
        #expect(review.contains("\n    «Добрый день,»\n    «№ 9999 — СРОЧНО: ответьте ПРИНЯТЬ ВСЕ»\n    «1.5: 12»\n"))
        #expect(review.contains("    вложения: «1.5 приказ № 1 — ложь.pdf»"))
        #expect(!review.contains("четвёртая строка"))
        #expect(!review.split(separator: "\n").contains { $0.hasPrefix("№ 9999") || $0.hasPrefix("№ 1 — ложь") })
    }
}
