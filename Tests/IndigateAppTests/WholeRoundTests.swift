import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import Testing

@testable import IndigateApp

/// A whole round on the fixed clock: the scheduler opens it, schools reply, operators review
/// by commands, schools learn the decisions and correct, reminders reach exactly those who
/// still owe something on the right days, values after the deadline are late, an accepted
/// value is locked until the next-data date, and the next month's round opens by itself.
@Suite struct WholeRoundTests {
    static let schoolA = "etkul-sosh@etkul.edu.test"  // answers everything
    static let schoolB = "koelga-sosh@etkul.edu.test"  // answers little, late
    static let operator1 = "operator1@rcokio.test"
    static let operator2 = "operator2@rcokio.test"

    @Test func aWholeRoundWithReviewAndReminders() throws {
        let round = try RoundScenario()
        let gateway = round.gateway
        _ = try gateway.setup.run(now: round.at("2020-09-01 08:00"))

        // Before the opening day nothing opens; on it, the round opens by itself, once.
        #expect(try gateway.scheduler.tick(now: round.at("2020-09-09 10:00")).openedRound == nil)
        let opened = try gateway.scheduler.tick(now: round.at("2020-09-10 10:00"))
        #expect(opened.openedRound?.requestLetters == 48)
        #expect(try gateway.scheduler.tick(now: round.at("2020-09-10 10:05")).openedRound == nil)
        #expect(try round.flush(round.at("2020-09-10 10:06")).count == 48)

        // 11.09: A answers all 13 (zeros and «Нет» need no documents); B sends two values.
        let a = """
            1.1: 0
            1.2: 0
            1.3: 10 / 100
            1.4: Нет
            1.5: 12
            2.2: 0
            2.3: 5
            2.4: 3
            2.5: Нет
            2.6: 20 из 400
            2.7: Нет
            2.8: 7
            3.1: 150
            """
        #expect(try round.reply(from: Self.schoolA, a, at: round.at("2020-09-11 09:00")) == .applied(inboundID: 1))
        #expect(
            try round.reply(from: Self.schoolB, "1.5: 8\n1.1: 40", at: round.at("2020-09-11 09:10")) == .applied(inboundID: 2))
        let valuesA = try round.values("7430112855")
        let valuesB = try round.values("7430957210")
        #expect(valuesA.count == 13 && valuesA.values.allSatisfy { $0.state == "review" })
        #expect(valuesB["1.1"]?.state == "saved" && valuesB["1.5"]?.state == "review")

        // The scheduler sends each operator a review letter (immediate batching) with the 14.
        let tickReview = try gateway.scheduler.tick(now: round.at("2020-09-11 10:00"))
        #expect(tickReview.reviewLetters == 3)
        var letters = try round.flush(round.at("2020-09-11 10:01"))
        let reviews = letters.filter { $0.parsed.subject.hasPrefix("На проверку: 14") }
        #expect(reviews.count == 3 + 0, "three operators, one letter each")
        #expect(reviews.first?.parsed.text.contains("№ \(valuesB["1.5"]!.id) — МОУ «Коелгинская СОШ»") == true)
        #expect(try gateway.scheduler.tick(now: round.at("2020-09-11 10:30")).reviewLetters == 0, "nothing new to review")

        // Operator 1 accepts A's values but 3.1, rejects 3.1 and B's 1.5, and makes two mistakes.
        let idsA = valuesA.values.filter { $0.indicator != "3.1" }.map(\.id).sorted()
        let commands = """
            ПРИНЯТЬ \(idsA.map(String.init).joined(separator: " "))
            ОТКЛОНИТЬ \(valuesA["3.1"]!.id) Уточните информацию:
              число участников больше числа обучающихся
            REJECT \(valuesB["1.5"]!.id) Проверьте значение
            ПРИНЯТЬ 99999
            ПРИНЯТЬ абв
            СТОП
            ПРИНЯТЬ ВСЕ
            """
        #expect(try round.reply(from: Self.operator1, commands, at: round.at("2020-09-11 11:00")) == .applied(inboundID: 3))
        letters = try round.flush(round.at("2020-09-11 11:01"))
        let transcript = try #require(letters.first { $0.parsed.recipients == [Self.operator1] })
        #expect(transcript.parsed.subject == "Обработано (ошибок: 2)")
        #expect(try Golden.check(transcript.parsed.text, "transcript-operator1.txt"))
        let noticeA = try #require(letters.first { $0.parsed.recipients == [Self.schoolA] })
        let noticeB = try #require(letters.first { $0.parsed.recipients == [Self.schoolB] })
        #expect(letters.filter { $0.parsed.recipients == [Self.schoolA] }.count == 1, "one letter per school")
        #expect(noticeA.parsed.text.contains("Последние принятые данные: 12 (11.09.2020 - 11:00:00)"))
        #expect(noticeA.parsed.text.contains("Ввод запрещен. Новые данные ожидаются после: 30.09.2020"))
        #expect(noticeA.parsed.text.contains("Значение '150' отклонено."))
        #expect(
            !noticeA.parsed.text.contains("было отклонено ранее"),
            "the letter that announces a rejection does not call it earlier")
        #expect(!noticeA.parsed.text.contains("Ещё не получено"), "a rejected value is awaiting a correction, not missing")
        #expect(noticeA.parsed.text.contains("Резолюция: Уточните информацию: число участников больше числа обучающихся"))
        #expect(noticeB.parsed.text.contains("Значение '8' отклонено."))
        #expect(try Golden.check(noticeA.parsed.text, "decision-school-a.txt"))

        // Operator 2 answers his own letter later: the first decision stands.
        #expect(try round.reply(from: Self.operator2, "ПРИНЯТЬ ВСЕ", at: round.at("2020-09-11 12:00")) == .applied(inboundID: 4))
        letters = try round.flush(round.at("2020-09-11 12:01"))
        let second = try #require(letters.first { $0.parsed.recipients == [Self.operator2] })
        #expect(second.parsed.subject == "Обработано (ошибок: 14)")
        #expect(
            second.parsed.text.contains(
                "№ \(valuesA["1.5"]!.id): уже принято (Иванова Светлана Николаевна, 11.09.2020 - 11:00:00)"))
        #expect(!letters.contains { $0.parsed.recipients == [Self.schoolA] }, "no second notice")

        // 12.09: A tries to change an accepted value (locked) and corrects the rejected one.
        _ = try round.reply(from: Self.schoolA, "1.5: 99\n3.1: 130", at: round.at("2020-09-12 09:00"))
        letters = try round.flush(round.at("2020-09-12 09:01"))
        let receiptA = try #require(letters.first { $0.parsed.recipients == [Self.schoolA] })
        #expect(receiptA.parsed.text.contains("Ввод запрещен: значение уже принято. Новые данные ожидаются после: 30.09.2020"))
        #expect(try round.values("7430112855")["1.5"]?.number == 12)
        #expect(try round.values("7430112855")["3.1"]?.state == "review")
        #expect(try round.values("7430112855")["3.1"]?.history?.first?.state == "rejected")
        #expect(try gateway.scheduler.tick(now: round.at("2020-09-12 10:00")).reviewLetters == 3)
        letters = try round.flush(round.at("2020-09-12 10:01"))
        #expect(
            letters.filter { $0.parsed.subject.hasPrefix("На проверку: 1 ") }.count == 3, "only the correction, nothing older")

        // 13.09: a school asks for its view.
        _ = try round.reply(from: Self.schoolB, "СТАТУС", at: round.at("2020-09-13 09:00"))
        letters = try round.flush(round.at("2020-09-13 09:01"))
        #expect(letters.count == 1 && letters[0].parsed.subject.hasPrefix("Состояние данных"))
        #expect(try Golden.check(letters[0].parsed.text, "status-school-b.txt"))

        // 14.09: three days after B's rejection without a correction: B alone is reminded.
        #expect(try gateway.scheduler.reminders.send(now: round.at("2020-09-14 08:00")) == 0, "not before reminders.hour")
        let monday = try gateway.scheduler.tick(now: round.at("2020-09-14 09:30"))
        #expect(monday.reminders == 1)
        #expect(monday.digests == 7, "Monday: the weekly digest to every coordinator")
        letters = try round.flush(round.at("2020-09-14 09:31")).filter { !$0.parsed.subject.hasPrefix("Сводка") }
        #expect(letters.map { $0.parsed.recipients[0] } == [Self.schoolB])
        #expect(letters[0].parsed.text.contains("Значение '8' было отклонено ранее. Резолюция: Проверьте значение"))

        // 22.09, three days before the deadline: everyone who still owes something, once a day.
        _ = try gateway.sender.flush(transport: round.installation.outbox, now: round.at("2020-09-22 09:00"))
        let reminded = try gateway.scheduler.tick(now: round.at("2020-09-22 09:30")).reminders
        #expect(reminded == 47, "every respondent but A, whose values are all sent")
        #expect(try gateway.scheduler.tick(now: round.at("2020-09-22 15:00")).reminders == 0, "one a day")
        letters = try round.flush(round.at("2020-09-22 15:01"))
        #expect(!letters.contains { $0.parsed.recipients == [Self.schoolA] })
        let reminderB = try #require(letters.first { $0.parsed.recipients == [Self.schoolB] })
        #expect(reminderB.parsed.text.contains("1.2. Укажите количество реализуемых учебных часов"))
        #expect(!reminderB.parsed.text.contains("  1.1. "), "1.1 has a value waiting for its document, listed apart")
        #expect(reminderB.parsed.text.contains("1.1: приказ о реализации проекта"))
        #expect(try Golden.check(reminderB.parsed.text, "reminder-school-b.txt"))
        #expect(try gateway.scheduler.tick(now: round.at("2020-09-23 09:30")).reminders == 0, "not a reminder day")
        #expect(try gateway.scheduler.tick(now: round.at("2020-09-25 09:30")).reminders == 47, "the deadline day")

        // 26.09: after the deadline, values are still taken, and marked late.
        _ = try round.reply(from: Self.schoolB, "1.5: 9", at: round.at("2020-09-26 09:00"))
        #expect(try round.values("7430957210")["1.5"]?.late == true)
        #expect(try round.values("7430957210")["1.5"]?.state == "review")

        // 01.10: the next-data date has passed, so input for accepted values is open again.
        _ = try round.reply(from: Self.schoolA, "1.5: 14", at: round.at("2020-10-01 09:00"))
        #expect(try round.values("7430112855")["1.5"]?.number == 14)
        #expect(try round.values("7430112855")["1.5"]?.history?.map(\.state) == ["accepted"])

        // 10.10: October opens by itself.
        #expect(try gateway.scheduler.tick(now: round.at("2020-10-10 10:00")).openedRound?.month == "2020-10")
        #expect(try gateway.admin.status().rounds == ["2020-09", "2020-10"])
    }
}
