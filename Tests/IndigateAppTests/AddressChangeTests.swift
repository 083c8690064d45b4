import Foundation
import IndigateCore
import Testing

@testable import IndigateApp

/// «АДРЕС» by mail with double opt-in: the new address must answer before it becomes the
/// contact's; then the old address is retired and its tokens revoked, both addresses are told,
/// and the audit has every step. A coordinator changes a school's address in their own scope
/// only and updates their own details; bad requests get a clear answer and change nothing.
@Suite struct AddressChangeTests {
    static let newAddress = "etkul-new@mail.test"

    func outcome(_ outcome: MessageOutcome) -> String { outcome.label }

    @Test func aSchoolMovesToANewAddressOnlyOnceTheNewAddressAnswers() throws {
        let round = try ValueModelTests().september()
        let oldReplyTo = try #require(round.replyTo[ValueModelTests.school])
        #expect(
            outcome(try round.reply(from: ValueModelTests.school, "АДРЕС \(Self.newAddress)", at: round.at("2020-09-11 09:00")))
                == "applied")
        var letters = try round.flush(round.at("2020-09-11 09:01"))
        let answer = try #require(letters.first { $0.parsed.recipients == [ValueModelTests.school] }).parsed
        #expect(answer.subject == "Смена адреса: ждём подтверждения с \(Self.newAddress)")
        #expect(try Golden.check(answer.text, "address-requested.txt"))
        let question = try #require(letters.first { $0.parsed.recipients == [Self.newAddress] }).parsed
        #expect(question.subject == "Подтвердите адрес для писем мониторинга: МОУ «Еткульская СОШ»")
        #expect(try Golden.check(question.text, "address-confirm.txt"))
        #expect(letters.count == 2, "no receipt for a reply that only asks")
        let confirmTo = try #require(question.replyTo.first)

        // Someone else answering the question changes nothing.
        let forged = try round.reply(from: "attacker@evil.test", "ПОДТВЕРЖДАЮ", at: round.at("2020-09-11 10:00"), to: confirmTo)
        #expect(outcome(forged) == "quarantined")
        #expect(try round.gateway.testStore.read { try $0.contact(email: ValueModelTests.school) } != nil)

        // The new address answers: it is the contact's now.
        #expect(
            outcome(try round.reply(from: Self.newAddress, "ПОДТВЕРЖДАЮ", at: round.at("2020-09-11 11:00"), to: confirmTo))
                == "applied")
        let moved = try #require(try round.gateway.testStore.read { try $0.contact(email: Self.newAddress) })
        #expect(try round.gateway.testStore.read { try $0.contact(email: ValueModelTests.school) } == nil)
        letters = try round.flush(round.at("2020-09-11 11:01"))
        let confirmed = try #require(letters.first { $0.parsed.recipients == [Self.newAddress] }).parsed
        #expect(confirmed.subject == "Адрес подтверждён: МОУ «Еткульская СОШ»")
        #expect(try Golden.check(confirmed.text, "address-confirmed.txt"))
        let replaced = try #require(letters.first { $0.parsed.recipients == [ValueModelTests.school] }).parsed
        #expect(replaced.subject == "Адрес для писем мониторинга заменён: МОУ «Еткульская СОШ»")
        #expect(try Golden.check(replaced.text, "address-replaced.txt"))
        let audit = try round.gateway.testStore.read { try $0.auditEntries() }.map(\.action)
        #expect(audit.contains("address-change-requested") && audit.contains("address-changed"))

        // The old address's tokens are revoked; the new address replies with values.
        #expect(
            outcome(try round.reply(from: ValueModelTests.school, "1.5: 5", at: round.at("2020-09-11 12:00"), to: oldReplyTo))
                == "quarantined")
        let newReplyTo = try #require(confirmed.replyTo.first)
        #expect(
            outcome(try round.reply(from: Self.newAddress, "1.5: 9", at: round.at("2020-09-11 12:10"), to: newReplyTo))
                == "applied")
        let value = try #require(try round.values(ValueModelTests.inn)["1.5"])
        #expect(value.number == 9)
        #expect(try round.gateway.testStore.read { try $0.version(id: value.id)?.contactID } == moved.id)
        // A second answer to the question is a no-op.
        _ = try round.reply(from: Self.newAddress, "ПОДТВЕРЖДАЮ", at: round.at("2020-09-11 13:00"), to: confirmTo)
        #expect(try round.gateway.testStore.read { try $0.contact(email: Self.newAddress)?.id } == moved.id)
    }

    /// A bounce of the question sent to a mistyped new address says nothing about the contact's
    /// current address: only a letter to the current address can mark it failing.
    @Test func aBouncedQuestionDoesNotMarkTheCurrentAddressFailing() throws {
        let round = try ValueModelTests().september()
        _ = try round.reply(from: ValueModelTests.school, "АДРЕС typo@mail.test", at: round.at("2020-09-11 09:00"))
        _ = try round.flush(round.at("2020-09-11 09:01"))
        let store = round.gateway.testStore
        let contact = try #require(try store.read { try $0.contact(email: ValueModelTests.school) })
        let question = try #require(try store.read { try $0.outboxRows(recipient: "typo@mail.test") }.first)
        let request = try #require(try store.read { try $0.outboxRows(recipient: ValueModelTests.school) }.first)
        try store.write { tx in
            guard case .new(let inbound) = try tx.archive(raw: Array("bounce 1".utf8), sha256: "b1", source: "t", at: Date())
            else { return }
            try tx.recordBounce(
                inboundID: inbound, letterID: question.letterID, contactID: contact.id, permanent: true, status: "5.1.1",
                at: Date())
        }
        #expect(try store.read { try $0.contact(id: contact.id) }?.failing == false)
        try store.write { tx in
            guard case .new(let inbound) = try tx.archive(raw: Array("bounce 2".utf8), sha256: "b2", source: "t", at: Date())
            else { return }
            try tx.recordBounce(
                inboundID: inbound, letterID: request.letterID, contactID: contact.id, permanent: true, status: "5.1.1",
                at: Date())
        }
        #expect(try store.read { try $0.contact(id: contact.id) }?.failing == true, "a letter to the current address")
    }

    @Test func badRequestsAreAnsweredAndChangeNothing() throws {
        let round = try ValueModelTests().september()
        func ask(_ body: String, at time: String) throws -> String {
            _ = try round.reply(from: ValueModelTests.school, body, at: round.at(time))
            let letters = try round.flush(round.at(time.replacingOccurrences(of: ":00", with: ":01")))
            return try #require(letters.first { $0.parsed.subject == "Смена адреса не выполнена" }).parsed.text
        }
        #expect(try ask("АДРЕС 7430957210 x@mail.test", at: "2020-09-11 09:00").contains("не относится к вашему муниципалитету"))
        #expect(
            try ask("АДРЕС not-an-address@", at: "2020-09-11 10:00").contains("«not-an-address@» — не адрес электронной почты"))
        #expect(try ask("АДРЕС koelga-sosh@etkul.edu.test", at: "2020-09-11 11:00").contains("уже зарегистрирован"))
        #expect(try ask("АДРЕС school@rcokio.test", at: "2020-09-11 12:00").contains("адрес самой системы мониторинга"))
        // A signature's postal address is no request: the values go through as usual.
        _ = try round.reply(
            from: ValueModelTests.school, "1.5: 7\n\nАдрес: г. Еткуль, ул. Ленина, 1", at: round.at("2020-09-11 13:00"))
        let letters = try round.flush(round.at("2020-09-11 13:01"))
        #expect(letters.count == 1 && letters[0].parsed.subject.hasPrefix("Квитанция"))
        #expect(try round.gateway.testStore.read { try $0.contact(email: ValueModelTests.school) } != nil)
    }

    @Test func aCoordinatorChangesASchoolsAddressInTheirScopeAndTheirOwnDetails() throws {
        let round = try ValueModelTests().september()
        let coordinator = "uo-coord@etkul.edu.test"
        _ = try round.gateway.scheduler.digests.send(now: round.at("2020-09-14 09:00"), force: true)
        _ = try round.flush(round.at("2020-09-14 09:01"))
        _ = try round.reply(
            from: coordinator, "АДРЕС 7430957210 koelga-new@mail.test\nФИО: Новикова Анна Петровна\nТелефон: +7 (35145) 2-00-00",
            at: round.at("2020-09-14 10:00"))
        var letters = try round.flush(round.at("2020-09-14 10:01"))
        let mine = letters.filter { $0.parsed.recipients == [coordinator] }.map(\.parsed)
        #expect(mine.contains { $0.subject == "Смена адреса: ждём подтверждения с koelga-new@mail.test" })
        let digest = try #require(mine.first { $0.subject.hasPrefix("Сводка") })
        #expect(
            digest.text.contains(
                "Ваши контактные данные обновлены: Новикова Анна Петровна, начальник отдела общего образования, +7 (35145) 2-00-00."
            ))
        let question = try #require(letters.first { $0.parsed.recipients == ["koelga-new@mail.test"] }).parsed
        #expect(question.text.contains("Новикова Анна Петровна (uo-coord@etkul.edu.test) просит"))
        #expect(question.text.contains("вместо koelga-sosh@etkul.edu.test"))

        // Another municipality's school is not theirs.
        _ = try round.reply(from: coordinator, "АДРЕС 7409745887 other@mail.test", at: round.at("2020-09-14 11:00"))
        letters = try round.flush(round.at("2020-09-14 11:01"))
        #expect(
            letters.first { $0.parsed.subject == "Смена адреса не выполнена" }?.parsed.text.contains(
                "не относится к вашему муниципалитету")
                == true)
        #expect(!letters.contains { $0.parsed.recipients == ["other@mail.test"] })
    }
}
