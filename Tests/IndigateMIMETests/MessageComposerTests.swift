import Foundation
import IndigateCore
import Testing

@testable import IndigateMIME

@Suite struct MessageComposerTests {
    func letter(subject: String = "Квитанция: МОУ СОШ № 5", headers: [(name: String, value: String)] = [])
        -> OutgoingLetter
    {
        OutgoingLetter(
            fromName: "Мониторинг нацпроекта «Образование»", fromAddress: "monitoring@rcokio.test",
            toName: "Иванова Анна", toAddress: "school5@miass.edu.test",
            replyTo: "monitoring+token@rcokio.test", subject: subject, messageID: "indigate.1@rcokio.test",
            inReplyTo: "orig@school", references: ["orig@school"], date: Date(timeIntervalSince1970: 1_599_714_000),
            utcOffsetSeconds: 5 * 3600, headers: headers + [("Auto-Submitted", "auto-replied")],
            text: "Строка 1\nСтрока 2 — длинная строка, которая должна быть перенесена кодировкой quoted-printable без потерь, "
                + String(repeating: "ж", count: 80) + "\n",
            html: "<p>Привет</p>",
            attachments: [
                .init(
                    fileName: "1042_Школа_5_Миасс_1.2.pdf", contentType: "application/pdf", bytes: Array("%PDF-1.4\n%%EOF\n".utf8)
                )
            ])
    }

    @Test func roundTripsThroughTheParser() throws {
        let raw = try MessageComposer().compose(letter())
        let parsed = try MessageParser().parse(raw)
        #expect(parsed.subject == "Квитанция: МОУ СОШ № 5")
        #expect(parsed.from == ["monitoring@rcokio.test"])
        #expect(parsed.replyTo == ["monitoring+token@rcokio.test"])
        #expect(parsed.inReplyTo == "orig@school")
        #expect(parsed.messageID == "indigate.1@rcokio.test")
        #expect(parsed.headers["auto-submitted"] == "auto-replied")
        #expect(parsed.text == letter().text)
        #expect(parsed.attachments.map(\.fileName) == ["1042_Школа_5_Миасс_1.2.pdf"])
        #expect(parsed.attachments.first?.bytes == Array("%PDF-1.4\n%%EOF\n".utf8))
    }

    @Test func writesCRLFOnlyAndSevenBit() throws {
        let raw = try MessageComposer().compose(letter())
        for (index, byte) in raw.enumerated() where byte == 0x0A {
            #expect(index > 0 && raw[index - 1] == 0x0D, "bare LF at \(index)")
        }
        #expect(raw.allSatisfy { $0 < 0x80 }, "every byte 7-bit: headers RFC 2047, bodies QP/base64")
        #expect(raw.split(separator: 0x0A).allSatisfy { $0.count <= 999 })
    }

    /// Each text part in the smallest 7-bit encoding: Russian text in base64 (4/3 of its UTF-8
    /// bytes; quoted-printable would be 3×), mostly-ASCII text in quoted-printable or 7bit.
    @Test func eachTextPartTakesItsSmallestSevenBitEncoding() throws {
        var russian = letter()
        russian.text = String(repeating: "Укажите количество обучающихся 5-11 классов (чел.)\n", count: 40)
        russian.html = "<p>" + String(repeating: "Доля обучающихся по предметной области «Технология» ", count: 40) + "</p>"
        russian.attachments = []
        let raw = try MessageComposer().compose(russian)
        let text = String(decoding: raw, as: UTF8.self)
        #expect(text.components(separatedBy: "Content-Transfer-Encoding: base64").count == 3, "both parts")
        let content = russian.text.utf8.count + russian.html!.utf8.count
        #expect(raw.count < content * 4 / 3 + 2_000, "\(raw.count) bytes for \(content) bytes of text")
        #expect(try MessageParser().parse(raw).text == russian.text)

        var english = letter()
        english.text = String(repeating: "Report 2020-09: 14 indicators, 48 organisations.\n", count: 40)
        english.html = nil
        english.attachments = []
        let plain = String(decoding: try MessageComposer().compose(english), as: UTF8.self)
        #expect(!plain.contains("Content-Transfer-Encoding: base64"))
    }

    @Test func lineBreaksInDataCannotStartAHeader() throws {
        let raw = try MessageComposer().compose(letter(subject: "Тема\r\nBcc: victim@x.test"))
        let text = String(decoding: raw, as: UTF8.self)
        #expect(!text.contains("\r\nBcc:"))
        #expect(try MessageParser().parse(raw).subject.contains("Bcc: victim@x.test"))
    }

    @Test func refusesUnsafeAddressesAndHeaders() {
        var bad = letter()
        bad.toAddress = "a@b.test\r\nRCPT TO:<x@y.test>"
        #expect(throws: MIMEError.unsafeHeader(name: "To")) { try MessageComposer().compose(bad) }
        #expect(throws: MIMEError.unsafeHeader(name: "X-Evil")) {
            try MessageComposer().compose(letter(headers: [("X-Evil", "a\r\nb")]))
        }
    }

    /// Header text keeps every character but the control ones, which become spaces; text
    /// without any comes back as it is.
    @Test func headerTextLosesOnlyItsControlCharacters() {
        #expect(MessageComposer.oneLine("Приём данных: 25.09") == "Приём данных: 25.09")
        #expect(MessageComposer.oneLine("a\r\nBcc: x\t\u{7F}b\u{0}") == "a  Bcc: x  b ")
        #expect(MessageComposer.oneLine("") == "")
    }
}
