import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import Testing

@testable import IndigateApp

/// Every letter indigate sends, rendered on the fixed data set and reviewed as a golden file
/// (the receipts, the decision, status, reminder, transcript and digest goldens are made by the
/// suites that play their scenarios). Each also checks the sentence the issue asked for.
@Suite struct LetterGoldenTests {
    static let school = "etkul-sosh@etkul.edu.test"
    static let mouo = "uo@etkul.edu.test"
    static let operator1 = "operator1@rcokio.test"

    func september() throws -> (RoundScenario, [(name: String, raw: [UInt8], parsed: ParsedMessage)]) {
        let round = try RoundScenario()
        _ = try round.gateway.setup.run(now: round.at("2020-09-01 08:00"))
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-10 10:00"))
        return (round, try round.flush(round.at("2020-09-10 10:01")))
    }

    @Test func theRequestLetterExplainsOnlyWhatTheOrganisationIsAsked() throws {
        let (round, letters) = try september()
        let school = try #require(letters.first { $0.parsed.recipients == [Self.school] })
        #expect(try Golden.check(school.parsed.text, "request-school.txt"))
        let mouo = try #require(letters.first { $0.parsed.recipients == [Self.mouo] }).parsed.text
        #expect(try Golden.check(mouo, "request-mouo.txt"))
        #expect(mouo.contains("Для вашей организации 1 показатель."))
        #expect(!mouo.contains("«Да» или «Нет»") && !mouo.contains("часть и целое") && !mouo.contains("1.1"))
        #expect(mouo.contains("например «2.1 документ.pdf». Если вы отвечаете 0, документ не нужен."))
        // The HTML alternative, rendered by the same letter writer.
        let stored = try round.installation.store.read { tx in
            (
                try tx.organization(inn: "7430112855")!, try tx.contact(email: Self.school)!, try tx.round(month: "2020-09")!,
                try tx.catalogue()
            )
        }
        let view = RequestView(
            organization: stored.0.organization, contact: stored.1.contact, round: stored.2,
            indicators: stored.3.indicators(for: stored.0.organization, in: stored.2), catalogue: stored.3,
            calendar: round.gateway.scheduler.rounds.calendar)
        let html = try #require(round.gateway.scheduler.rounds.letters.render(view).html)
        #expect(try Golden.check(html, "request-school.html"))
    }

    @Test func aReceiptAfterTheDeadlineSaysSo() throws {
        let (round, _) = try september()
        _ = try round.reply(from: Self.school, "1.5: 7\n1.3: 0", at: round.at("2020-09-27 09:00"))
        let receipt = try #require(try round.flush(round.at("2020-09-27 09:01")).first { $0.parsed.recipients == [Self.school] })
        #expect(try Golden.check(receipt.parsed.text, "receipt-late.txt"))
        #expect(receipt.parsed.text.contains("Срок представления данных (25.09.2020) прошёл"))
        #expect(!receipt.parsed.text.contains("ждём до"))
        #expect(receipt.parsed.text.contains("«1.3: 0»\n      → 0 из 0 (0,0 %) — отправлено на проверку (после срока)"))
    }

    @Test func theReviewLetterAgreesInNumberAndHelpsOnlyWithWhatFollows() throws {
        let (round, _) = try september()
        _ = try round.reply(from: Self.school, "1.5: 7\n1.3: 45 / 300\n2.3: 5\n3.1: 20", at: round.at("2020-09-11 09:00"))
        let stranger =
            "From: someone@else.test\r\nTo: monitoring@rcokio.test\r\nSubject: =?UTF-8?B?0J/RgNC40LLQtdGCCtCS0J3QmNCc0JDQndCY0JU=?=\r\nMessage-ID: <s@else.test>\r\n\r\nhi\r\n"
        _ = try round.gateway.intake.ingest(Array(stranger.utf8), source: "t", now: round.at("2020-09-11 09:30"))
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-11 10:00"))
        let review = try #require(
            try round.flush(round.at("2020-09-11 10:01")).first { $0.parsed.recipients == [Self.operator1] })
        #expect(review.parsed.subject.hasPrefix("На проверку: 4 "))
        #expect(try Golden.check(review.parsed.text, "review-operator1.txt"))
        #expect(review.parsed.text.contains("На проверке 4 новых значения."))
        #expect(review.parsed.text.contains("ОСВОБОДИТЬ 1 / ОТБРОСИТЬ 1"))
        #expect(review.parsed.text.contains("«Привет ВНИМАНИЕ»"), "a subject with a line break is quoted on one line")

        // Without a quarantine the letter does not explain quarantine commands.
        _ = try round.gateway.admin.dropQuarantine(id: 1, by: "test", now: round.at("2020-09-11 10:30"))
        _ = try round.reply(from: Self.school, "2.4: 1", at: round.at("2020-09-11 11:00"))
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-11 12:00"))
        let next = try #require(try round.flush(round.at("2020-09-11 12:01")).first { $0.parsed.recipients == [Self.operator1] })
        #expect(next.parsed.text.contains("На проверке 1 новое значение."))
        #expect(!next.parsed.text.contains("ОСВОБОДИТЬ") && !next.parsed.text.contains("КАРАНТИН"))
    }

    @Test func aReplyWithoutCommandsIsAnsweredAsSuch() throws {
        let (round, _) = try september()
        _ = try round.reply(from: Self.school, "1.5: 7", at: round.at("2020-09-11 09:00"))
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-11 10:00"))
        _ = try round.flush(round.at("2020-09-11 10:01"))
        _ = try round.reply(from: Self.operator1, "Спасибо, посмотрю завтра", at: round.at("2020-09-11 11:00"))
        let transcript = try #require(
            try round.flush(round.at("2020-09-11 11:01")).first { $0.parsed.recipients == [Self.operator1] })
        #expect(transcript.parsed.subject == "Команд не найдено")
        #expect(try Golden.check(transcript.parsed.text, "transcript-no-commands.txt"))
    }

    @Test func aResolutionEndsAtAMistypedCommandAndMayStartWithANumber() throws {
        let (round, _) = try september()
        _ = try round.reply(from: Self.school, "1.5: 7\n3.1: 20", at: round.at("2020-09-11 09:00"))
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-11 10:00"))
        _ = try round.flush(round.at("2020-09-11 10:01"))
        let values = try round.values("7430112855")
        let (a, b) = (values["1.5"]!.id, values["3.1"]!.id)
        _ = try round.reply(
            from: Self.operator1, "ОТКЛОНИТЬ \(a) 10 педагогов больше штата школы\nПРИНЯТ \(b)", at: round.at("2020-09-11 11:00"))
        let letters = try round.flush(round.at("2020-09-11 11:01"))
        let transcript = try #require(letters.first { $0.parsed.recipients == [Self.operator1] })
        #expect(transcript.parsed.subject == "Обработано (ошибок: 1)")
        #expect(try Golden.check(transcript.parsed.text, "transcript-resolution-rule.txt"))
        let decision = try #require(
            letters.first { $0.parsed.recipients == [Self.school] && $0.parsed.subject.hasPrefix("Результат") })
        #expect(decision.parsed.text.contains("Резолюция: 10 педагогов больше штата школы\n"))
        #expect(try round.values("7430112855")["3.1"]?.state == "review", "the mistyped command changed nothing")
    }

    @Test func theRefusedAndUntokenedLettersNameWhatHappened() throws {
        let (round, _) = try september()
        let forged =
            "From: attacker@evil.test\r\nTo: \(round.replyTo[Self.school]!)\r\nSubject: x\r\nMessage-ID: <f@evil.test>\r\n\r\n1.5: 9\r\n"
        _ = try round.gateway.intake.ingest(Array(forged.utf8), source: "t", now: round.at("2020-09-11 09:00"))
        let refused = try #require(try round.flush(round.at("2020-09-11 09:01")).first { $0.parsed.recipients == [Self.school] })
        #expect(refused.parsed.text.contains("с адреса «attacker@evil.test»"))
        #expect(try Golden.check(refused.parsed.text, "refused.txt"))
        let untokened =
            "From: \(Self.school)\r\nTo: monitoring@rcokio.test\r\nSubject: Данные за сентябрь\r\nMessage-ID: <u@school.test>\r\n\r\n1.5: 9\r\n"
        _ = try round.gateway.intake.ingest(Array(untokened.utf8), source: "t", now: round.at("2020-09-11 10:00"))
        let answer = try #require(try round.flush(round.at("2020-09-11 10:01")).first { $0.parsed.recipients == [Self.school] })
        #expect(try Golden.check(answer.parsed.text, "untokened.txt"))
    }

    @Test func aRemindersExampleHasTheIndicatorsOwnType() throws {
        let (round, _) = try september()
        _ = try round.reply(from: Self.school, "1.1: 0\n1.2: 0", at: round.at("2020-09-11 09:00"))
        #expect(try round.gateway.scheduler.reminders.send(now: round.at("2020-09-22 09:30")) > 0)
        let reminder = try #require(
            try round.flush(round.at("2020-09-22 09:31")).first {
                $0.parsed.recipients == [Self.school] && $0.parsed.subject.hasPrefix("Напоминание")
            })
        #expect(reminder.parsed.text.contains("например «1.3: 45 / 300»"), "1.3, the first still owed, is a percentage")
        #expect(try Golden.check(reminder.parsed.text, "reminder-percentage-first.txt"))
    }
}
