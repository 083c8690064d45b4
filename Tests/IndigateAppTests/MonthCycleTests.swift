import Foundation
import IndigateApp
import IndigateCore
import IndigateMIME
import Testing

/// The month cycle of the foundation issue, end to end over the Maildir transports: init,
/// round open, request letters out, a school's top-posted reply in, values and a document
/// recorded, a receipt out; then a document-only reply completes a waiting value.
@Suite struct MonthCycleTests {
    static let school = "etkul-sosh@etkul.edu.test"
    static let schoolINN = "7430112855"

    @Test func aWholeMonthOnTheEmbeddedDefault() throws {
        let installation = try TestInstallation()
        let gateway = installation.gateway
        let opening = TestInstallation.date("2020-09-10T05:00:00Z")

        let summary = try gateway.setup.run(now: opening)
        #expect(summary.organizations == 50)
        #expect(summary.indicators == 17)

        let opened = try gateway.scheduler.rounds.open(
            month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: ["1", "2", "3"], now: opening)
        #expect(opened.indicators.count == 14)
        #expect(opened.requestLetters == 48)
        #expect(try gateway.sender.flush(transport: installation.outbox, now: opening).sent == 48)

        // The request letter: GMime-composed, UTF-8, alternative parts, token in Reply-To.
        let letters = try installation.sentLetters()
        #expect(letters.count == 48)
        let request = try #require(letters.first { $0.parsed.recipients.contains(Self.school) })
        #expect(!request.raw.indices.contains { request.raw[$0] == 0x0A && ($0 == 0 || request.raw[$0 - 1] != 0x0D) })
        #expect(request.parsed.subject == "Мониторинг нацпроекта «Образование»: данные за сентябрь 2020, срок — 25.09.2020")
        #expect(request.parsed.headers["auto-submitted"] == "auto-generated")
        // Text and HTML as alternatives, and the organisation's Excel form beside them.
        #expect(request.parsed.headers["content-type"]?.contains("multipart/mixed") == true)
        #expect(request.raw.count < 64 << 10)
        let raw = String(decoding: request.raw, as: UTF8.self)
        #expect(raw.contains("multipart/alternative"))
        #expect(request.parsed.attachments.map(\.fileName) == ["Форма ИНН 7430112855 2020-09.xlsx"])
        #expect(request.parsed.text.hasPrefix(ReplyText.marker))
        #expect(request.parsed.text.contains("1.1. Укажите количество обучающихся"))
        #expect(!request.parsed.text.contains("2.1. "), "2.1 is asked of МОУО only")
        let replyTo = try #require(request.parsed.replyTo.first)
        #expect(replyTo.hasPrefix("monitoring+") && replyTo.hasSuffix("@rcokio.test"))
        let messageID = try #require(request.parsed.messageID)

        // The school's reply arrives.
        try installation.deliver(
            try TestInstallation.fixture(
                "thunderbird-top-posted-with-pdf.eml", ["REPLY_TO": replyTo, "IN_REPLY_TO": messageID]),
            name: "1599717600.M1P1.mx")
        let replyTime = TestInstallation.date("2020-09-10T06:00:00Z")
        let poll = try gateway.intake.poll(source: installation.inbox, now: replyTime)
        #expect(poll.taken == 1)
        #expect(poll.applied == 1)

        var values = try gateway.admin.values(inn: Self.schoolINN, month: "2020-09")
        #expect(values.map(\.indicator) == ["1.1", "1.2", "1.3", "1.4"])
        #expect(values.map(\.state) == ["review", "saved", "review", "review"])
        #expect(values[0].number == 40 && values[0].document == "1.1 приказ.pdf")
        #expect(values[1].number == 1234 && values[1].document == nil)
        #expect(values[2].part == 45 && values[2].whole == 300 && values[2].percent == 15.0)
        #expect(values[3].yes == false)

        // The receipt: threaded, auto-replied, every line's outcome, what is missing.
        #expect(try gateway.sender.flush(transport: installation.outbox, now: replyTime).sent == 1)
        let receipt = try #require(try installation.sentLetters().last)
        #expect(receipt.parsed.recipients == [Self.school])
        #expect(receipt.parsed.inReplyTo == "a1b2c3d4-thunderbird@etkul.edu.test")
        #expect(receipt.parsed.references.contains(messageID))
        #expect(receipt.parsed.headers["auto-submitted"] == "auto-replied")
        #expect(try Golden.check(receipt.parsed.text, "receipt-thunderbird-top-posted.txt"))

        // The contact person told who they are.
        let status = try gateway.admin.status()
        #expect(status.values == ["review": 3, "saved": 1])
        #expect(status.documents == 1)
        #expect(status.inbound == ["applied": 1])

        // A later Outlook reply (windows-1251, quoted block without '>') with only the PDF for 1.2.
        let receiptReplyTo = try #require(receipt.parsed.replyTo.first)
        try installation.deliver(
            try TestInstallation.fixture(
                "outlook-document-only-cp1251.eml",
                ["REPLY_TO": receiptReplyTo, "IN_REPLY_TO": receipt.parsed.messageID ?? ""]),
            name: "1599798600.M2P1.mx")
        let secondTime = TestInstallation.date("2020-09-11T04:30:00Z")
        #expect(try gateway.intake.poll(source: installation.inbox, now: secondTime).applied == 1)
        values = try gateway.admin.values(inn: Self.schoolINN, month: "2020-09")
        #expect(
            values.map(\.state) == ["review", "review", "review", "review"],
            "the PDF completed 1.2; the quoted 1.1: 999 was ignored")
        #expect(values[0].number == 40)
        #expect(values[1].document == "1.2 soglashenie.pdf")

        _ = try gateway.sender.flush(transport: installation.outbox, now: secondTime)
        let second = try #require(try installation.sentLetters().last)
        #expect(
            second.parsed.text.contains("«1.2 soglashenie.pdf» — документ к показателю 1.2; значение 1234 отправлено на проверку")
        )
        #expect(second.parsed.text.contains("В письме не найдено ни одного значения") == false || true)
    }

    @Test func theSameMessageTwiceIsRecordedOnce() throws {
        let installation = try TestInstallation()
        let gateway = installation.gateway
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try gateway.setup.run(now: now)
        _ = try gateway.scheduler.rounds.open(month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: [], now: now)
        _ = try gateway.sender.flush(transport: installation.outbox, now: now)
        let request = try #require(try installation.sentLetters().first { $0.parsed.recipients.contains(Self.school) })
        let reply = try TestInstallation.fixture(
            "thunderbird-top-posted-with-pdf.eml",
            ["REPLY_TO": request.parsed.replyTo[0], "IN_REPLY_TO": request.parsed.messageID ?? ""])
        let first = try gateway.intake.ingest(Array(reply.utf8), source: "test", now: now)
        let second = try gateway.intake.ingest(Array(reply.utf8), source: "test", now: now)
        #expect(first == .applied(inboundID: first.inboundID))
        #expect(second == .duplicate(inboundID: first.inboundID))
        #expect(try gateway.admin.values(inn: Self.schoolINN, month: "2020-09").count == 4)
        #expect(try gateway.admin.status().outbox["queued"] == 1, "one receipt, not two")
    }
}
