import IndigateCore
import Testing

@testable import IndigateMIME

@Suite struct MessageParserTests {
    let parser = MessageParser()

    func message(_ lines: [String]) -> [UInt8] {
        Array(lines.joined(separator: "\r\n").utf8)
    }

    /// GMime 3.2.13 defect (upstream #133): adjacent B-words whose first ends in '=' padding
    /// lose everything after the first word. The parser decodes word by word instead.
    @Test func splitBWordsWithPaddingDecodeWhole() throws {
        let parsed = try parser.parse(
            message([
                "From: a@b.test",
                "Subject: =?windows-1251?B?zvL3uPIg+Oru6/sguQ==?= =?windows-1251?B?IDEyMyDn4CDs4PDy?=",
                "", "body",
            ]))
        #expect(parsed.subject == "Отчёт школы № 123 за март")
    }

    @Test func subjectMixesPlainTextAndEncodedWords() throws {
        let parsed = try parser.parse(
            message([
                "From: a@b.test",
                "Subject: Re: =?UTF-8?B?0JzQvtC90LjRgtC+0YDQuNC90LM=?=",
                " =?UTF-8?B?INC90LDRhtC/0YDQvtC10LrRgtCw?= 2020, done",
                "", "body",
            ]))
        #expect(parsed.subject == "Re: Мониторинг нацпроекта 2020, done")
    }

    @Test func readsAddressesLowercasedAndRecipientsFromDeliveredTo() throws {
        let parsed = try parser.parse(
            message([
                "From: \"Школа\" <School5@Miass.EDU.test>",
                "To: Monitoring <monitoring+abc@rcokio.test>",
                "Delivered-To: monitoring+xyz@rcokio.test",
                "Reply-To: other@x.test",
                "Message-ID: <id-1@x.test>",
                "In-Reply-To: <orig@rcokio.test>",
                "References: <a@x> <orig@rcokio.test>",
                "", "1.1: 5",
            ]))
        #expect(parsed.from == ["school5@miass.edu.test"])
        #expect(parsed.recipients.contains("monitoring+abc@rcokio.test"))
        #expect(parsed.recipients.contains("monitoring+xyz@rcokio.test"))
        #expect(parsed.replyTo == ["other@x.test"])
        #expect(parsed.messageID == "id-1@x.test")
        #expect(parsed.inReplyTo == "orig@rcokio.test")
        #expect(parsed.references == ["a@x", "orig@rcokio.test"])
        #expect(parsed.text == "1.1: 5")
    }

    @Test func decodesQuotedPrintableWindows1251Text() throws {
        let parsed = try parser.parse(
            message([
                "From: a@b.test",
                "Content-Type: text/plain; charset=windows-1251",
                "Content-Transfer-Encoding: quoted-printable",
                "", "2.1: =C4=E0",
            ]))
        #expect(parsed.text == "2.1: Да")
    }

    @Test func htmlOnlyReplyBecomesText() throws {
        let parsed = try parser.parse(
            message([
                "From: a@b.test",
                "Content-Type: text/html; charset=utf-8",
                "", "<html><body><div>1.1: 40</div><div>1.4:&nbsp;Нет<br></div></body></html>",
            ]))
        #expect(parsed.text.contains("1.1: 40"))
        #expect(parsed.text.contains("1.4:\u{00A0}Нет"))
    }

    @Test func alternativeTakesPlainAndNoAttachments() throws {
        let parsed = try parser.parse(
            message([
                "From: a@b.test",
                "Content-Type: multipart/alternative; boundary=XX",
                "", "--XX", "Content-Type: text/plain; charset=utf-8", "", "plain 1.1: 1",
                "--XX", "Content-Type: text/html; charset=utf-8", "", "<p>html</p>", "--XX--",
            ]))
        #expect(parsed.text == "plain 1.1: 1")
        #expect(parsed.attachments.isEmpty)
    }

    @Test func attachmentNameFromRFC2231AndBytesDecoded() throws {
        let parsed = try parser.parse(
            message([
                "From: a@b.test",
                "Content-Type: multipart/mixed; boundary=XX",
                "", "--XX", "Content-Type: text/plain", "", "see file",
                "--XX",
                "Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename*=UTF-8''1.2%20%D0%BF%D1%80%D0%B8%D0%BA%D0%B0%D0%B7.pdf",
                "Content-Transfer-Encoding: base64", "",
                "JVBERi0xLjQKMSAwIG9iaiA8PCAvVHlwZSAvQ2F0YWxvZyA+PiBlbmRvYmoKdHJhaWxlciA8PCAv",
                "Um9vdCAxIDAgUiA+PgolJUVPRgo=",
                "--XX--",
            ]))
        let attachment = try #require(parsed.attachments.first)
        #expect(attachment.fileName == "1.2 приказ.pdf")
        #expect(attachment.contentType == "application/octet-stream")
        #expect(attachment.looksLikePDF)
    }

    @Test func forwardedMessageCounts() throws {
        let parsed = try parser.parse(
            message([
                "From: colleague@b.test",
                "Content-Type: multipart/mixed; boundary=XX",
                "", "--XX", "Content-Type: message/rfc822", "",
                "From: school@b.test", "Subject: inner", "", "1.1: 7",
                "--XX--",
            ]))
        #expect(parsed.text == "")
        #expect(parsed.forwardedTexts == ["1.1: 7"])
    }

    @Test func emptyInputIsNotAMessage() {
        #expect(throws: MIMEError.notAMessage) { try parser.parse([]) }
    }
}
