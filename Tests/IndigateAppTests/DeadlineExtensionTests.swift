import Foundation
import IndigateCore
import Testing

@testable import IndigateApp

/// «ПРОДЛИТЬ ДО» in an operator's reply: a later deadline for some organisations or the region;
/// lateness, reminders and every letter follow each organisation's own date; those concerned
/// get a letter; the transcript and the audit say what changed, and bad dates are refused.
@Suite struct DeadlineExtensionTests {
    static let other = "belonosovo-sosh@etkul.edu.test"  // 7430798578, not extended

    @Test func aDeadlineMovesForTheOrganisationsNamedAndEverythingFollows() throws {
        let round = try ValueModelTests().september()
        // A day after the region's deadline (25.09): late.
        _ = try round.reply(from: ValueModelTests.school, "1.5: 7", at: round.at("2020-09-26 09:00"))
        #expect(try round.values(ValueModelTests.inn)["1.5"]?.late == true)
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-26 09:30"))
        _ = try round.flush(round.at("2020-09-26 09:31"))

        _ = try round.reply(
            from: ValueModelTests.operator1,
            """
            ПРОДЛИТЬ ДО 28.09.2020 \(ValueModelTests.inn) 0000000000
            ПРОДЛИТЬ 31.09.2020
            ПРОДЛИТЬ ДО 05.10.2020
            ПРОДЛИТЬ ДО 20.09.2020
            ПРОДЛИТЬ ДО 27.09.2020 Атлантида
            ПРОДЛИТЬ ДО 27.09.2020 \(ValueModelTests.inn)
            """, at: round.at("2020-09-26 10:00"))
        var letters = try round.flush(round.at("2020-09-26 10:01"))
        let transcript = try #require(letters.first { $0.parsed.subject.hasPrefix("Обработано") }).parsed.text
        #expect(transcript.contains("срок продлён до 28.09.2020 (ИНН 7430112855): организаций — 1, писем о новом сроке — 1"))
        #expect(transcript.contains("ошибка: организации с ИНН 0000000000 нет в списке"))
        #expect(transcript.contains("после ПРОДЛИТЬ нужна дата ДД.ММ.ГГГГ"))
        #expect(transcript.contains("срок не может быть позже даты новых данных (30.09.2020)"))
        #expect(transcript.contains("новый срок уже прошёл"))
        #expect(transcript.contains("муниципалитета «Атлантида» нет в списке"))
        #expect(transcript.contains("у всех названных организаций срок уже 27.09.2020 или позже"))
        #expect(try Golden.check(transcript, "transcript-deadline.txt"))

        let notice = try #require(letters.first { $0.parsed.recipients == [ValueModelTests.school] }).parsed
        #expect(notice.subject == "Срок продлён: данные за сентябрь 2020 нужны до 28.09.2020")
        #expect(try Golden.check(notice.text, "deadline-school.txt"))
        #expect(!letters.contains { $0.parsed.recipients == [Self.other] }, "only those concerned")
        // The value sent on the 26th is now on time; the audit has the change.
        #expect(try round.values(ValueModelTests.inn)["1.5"]?.late == false)
        let audit = try round.gateway.testStore.read { try $0.auditEntries() }
        #expect(audit.contains { $0.action == "deadline-extend" && $0.actor == ValueModelTests.operator1 })

        // Sent on the 27th: on time for the extended school, late for the other.
        _ = try round.reply(from: ValueModelTests.school, "2.3: 4", at: round.at("2020-09-27 09:00"))
        _ = try round.reply(from: Self.other, "2.3: 3", at: round.at("2020-09-27 09:00"))
        #expect(try round.values(ValueModelTests.inn)["2.3"]?.late == false)
        #expect(try round.values("7430798578")["2.3"]?.late == true)
        _ = try round.reply(from: ValueModelTests.school, "СТАТУС", at: round.at("2020-09-27 10:00"))
        letters = try round.flush(round.at("2020-09-27 10:01"))
        let status = try #require(letters.first { $0.parsed.subject.hasPrefix("Состояние данных") }).parsed.text
        #expect(status.contains("Срок — 28.09.2020.") && !status.contains("(прошёл)"))

        // On the 28th, the extended school's last day, its reminder says so; the other gets none.
        _ = try round.gateway.scheduler.tick(now: round.at("2020-09-28 10:00"))
        letters = try round.flush(round.at("2020-09-28 10:01"))
        let reminder = try #require(letters.first { $0.parsed.recipients == [ValueModelTests.school] }).parsed
        #expect(reminder.text.contains("Сегодня последний день"))
        #expect(!letters.contains { $0.parsed.recipients == [Self.other] && $0.parsed.subject.hasPrefix("Напоминание") })

        // The region's deadline moves past everyone's: the other school's value is on time too.
        _ = try round.reply(from: ValueModelTests.operator1, "ПРОДЛИТЬ ДО 29.09.2020", at: round.at("2020-09-28 11:00"))
        letters = try round.flush(round.at("2020-09-28 11:01"))
        let regional = try #require(letters.first { $0.parsed.subject.hasPrefix("Обработано") }).parsed.text
        #expect(regional.contains("срок продлён до 29.09.2020 (вся область)"))
        #expect(letters.contains { $0.parsed.recipients == [Self.other] && $0.parsed.subject.contains("до 29.09.2020") })
        #expect(try round.values("7430798578")["2.3"]?.late == false)
        _ = try round.reply(from: ValueModelTests.operator1, "ПРОДЛИТЬ ДО 29.09.2020", at: round.at("2020-09-28 12:00"))
        let again = try #require(
            try round.flush(round.at("2020-09-28 12:01")).first { $0.parsed.subject.hasPrefix("Обработано") }
        ).parsed.text
        #expect(again.contains("срок области уже 29.09.2020; продлить можно только на более позднюю дату"))
    }
}
