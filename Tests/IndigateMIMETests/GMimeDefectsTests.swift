import Foundation
import IndigateCore
import Testing

@testable import IndigateMIME

/// Regression tests for GMime 3.2.13's defects listed in FIELD-NOTES.md, one per defect.
@Suite struct GMimeDefectsTests {
    let parser = MessageParser()

    func crlf(_ lines: [String]) -> [UInt8] { Array(lines.joined(separator: "\r\n").utf8) }

    /// 1. Adjacent B-words after one ending in '=' padding are dropped (#133) — subject and name.
    @Test func splitEncodedWordsKeepTheirTail() throws {
        let parsed = try parser.parse(
            crlf([
                "From: a@b.test",
                "Subject: =?windows-1251?B?zvL3uPIg+Oru6/sguQ==?= =?windows-1251?B?IDEyMyDn4CDs4PDy?=",
                "Content-Type: multipart/mixed; boundary=X", "",
                "--X", "Content-Type: text/plain", "", "1.1: 1",
                "--X",
                "Content-Type: application/pdf; name=\"=?UTF-8?B?MS4xINC/0YDQuA==?= =?UTF-8?B?0LrQsNC3LnBkZg==?=\"",
                "Content-Disposition: attachment; filename=\"=?UTF-8?B?MS4xINC/0YDQuA==?= =?UTF-8?B?0LrQsNC3LnBkZg==?=\"",
                "Content-Transfer-Encoding: base64", "", "JVBERi0xLjQKJSVFT0YK", "--X--",
            ]))
        #expect(parsed.subject == "Отчёт школы № 123 за март")
        #expect(parsed.attachments.first?.fileName == "1.1 приказ.pdf")
    }

    /// 2. Base64 decoding stops at an inner '=' (#150): the bytes are short, so a PDF is judged
    /// by its bytes, never by its declared type.
    @Test func truncatedBase64IsNotAWholePDF() throws {
        let parsed = try parser.parse(
            crlf([
                "From: a@b.test", "Content-Type: multipart/mixed; boundary=X", "",
                "--X", "Content-Type: text/plain", "", "1.1: 1",
                "--X", "Content-Type: application/pdf; name=a.pdf", "Content-Transfer-Encoding: base64", "",
                // "%PDF-1.4\n" then an '=' inside the data, then the rest with %%EOF.
                "JVBERi0xLjQK=JSVFT0YK", "--X--",
            ]))
        let attachment = try #require(parsed.attachments.first)
        #expect(attachment.contentType == "application/pdf")
        #expect(!attachment.looksLikePDF)
    }

    /// 3. A long non-ASCII parameter name makes boundary lookup or re-serialisation loop (#165):
    /// the parser never re-serialises, so such a message parses (and the worker's time limit
    /// is there for what remains).
    @Test func aLongNonASCIIParameterNameDoesNotHang() throws {
        let name = String(repeating: "имя", count: 400)
        let started = Date()
        let parsed = try parser.parse(
            crlf([
                "From: a@b.test", "Content-Type: multipart/mixed; \(name)=1; boundary=X", "",
                "--X", "Content-Type: text/plain", "", "1.1: 1", "--X--",
            ]))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(parsed.from == ["a@b.test"])
        #expect(parsed.text == "1.1: 1", "the multipart is still read through its boundary")
    }

    /// 4. `a:` repeated in an address header overflows the stack in group parsing: refused
    /// before GMime sees it.
    @Test func groupBombsInAddressHeadersAreRefused() {
        let bomb = String(repeating: "a:", count: 50_000)
        #expect(throws: MIMEError.hostileHeader(name: "to")) {
            try parser.parse(crlf(["From: a@b.test", "To: \(bomb)", "", "body"]))
        }
        #expect(throws: MIMEError.hostileHeader(name: "cc")) {
            try parser.parse(crlf(["From: a@b.test", "Cc: x@y.test,", " " + String(repeating: "g:", count: 200), "", "body"]))
        }
    }

    /// Found by fuzzing (Fuzz/findings): the same bomb behind a blank before the colon
    /// (`To :`, obsolete but read by GMime), and inside an attached message, whose headers GMime
    /// parses with the outer message's.
    @Test func groupBombsAreRefusedBehindABlankAndInsideAttachedMessages() {
        let bomb = String(repeating: "a:", count: 50_000)
        #expect(throws: MIMEError.hostileHeader(name: "to")) {
            try parser.parse(crlf(["From: a@b.test", "To : \(bomb)", "", "body"]))
        }
        #expect(throws: MIMEError.hostileHeader(name: "to")) {
            try parser.parse(
                crlf([
                    "From: a@b.test", "To: m@b.test", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b\"", "",
                    "--b", "Content-Type: text/plain", "", "see", "--b", "Content-Type: message/rfc822", "",
                    "From: x@y.test", "To: \(bomb)", "", "inner", "--b--",
                ]))
        }
        // An ordinary forwarded message still parses, its headers measured and found fine.
        let forwarded = try? parser.parse(
            crlf([
                "From: a@b.test", "To: m@b.test", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b\"", "",
                "--b", "Content-Type: text/plain", "", "see", "--b", "Content-Type: message/rfc822", "",
                "From: x@y.test", "To: Коллеги: a@b.test, c@d.test;", "Cc: e@f.test", "", "inner 1.5: 7", "--b--",
            ]))
        #expect(forwarded?.forwardedTexts.joined().contains("inner 1.5: 7") == true)
    }

    /// Found by fuzzing (Fuzz/findings/address-unclosed-comment-leak): GMime 3.2 leaks the
    /// address it has just read when a comment after it never closes (`a@b.test (x`). A
    /// long-lived parse worker would grow with every such header, so the guard refuses them,
    /// in the message's headers and in an attached message's; parentheses in quoted names,
    /// escaped ones in comments and closed comments still parse.
    @Test func addressHeadersThatLeaveACommentOpenAreRefused() {
        for header in ["To: a@b.test (x", "Cc: a@b.test ((x)", "To: a@b.test (x\\)", "Reply-To: \"q\" a@b.test (x"] {
            #expect(throws: MIMEError.hostileHeader(name: String(header.prefix { $0 != ":" }).lowercased()), "\(header)") {
                try parser.parse(crlf(["From: s@b.test", header, "", "body"]))
            }
        }
        #expect(throws: MIMEError.hostileHeader(name: "to")) {
            try parser.parse(
                crlf([
                    "From: a@b.test", "To: m@b.test", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b\"", "",
                    "--b", "Content-Type: message/rfc822", "", "From: x@y.test", "To: c@d.test,", " e@f.test (open", "", "inner",
                    "--b--",
                ]))
        }
        for header in [
            "To: \"Школа (корпус 2\" <a@b.test>", "To: a@b.test (x \\( y)", "To: a@b.test (x (y))", "To: a@b.test\u{0}(x",
        ] {
            let parsed = try? parser.parse(crlf(["From: s@b.test", header, "", "body"]))
            #expect(parsed?.recipients == ["a@b.test"], "\(header)")
        }
    }

    /// 5. Memory: 200,000 tiny parts or a 50 MB header block: refused by counting first.
    @Test func partBombsAndHugeHeadersAreRefused() {
        var lines = ["From: a@b.test", "Content-Type: multipart/mixed; boundary=X", ""]
        for _ in 0..<5_000 { lines += ["--X", "", "x"] }
        #expect(throws: MIMEError.tooManyParts) { try parser.parse(crlf(lines + ["--X--"])) }
        let header = "X-Filler: " + String(repeating: "y", count: 300_000)
        #expect(throws: MIMEError.hostileHeader(name: "header block")) {
            try parser.parse(crlf(["From: a@b.test", header, "", "body"]))
        }
        let small = MessageParser(limits: MIMELimits(messageBytes: 1_000))
        #expect(throws: MIMEError.tooLarge(bytes: 1_218)) {
            try small.parse(crlf(["From: a@b.test", "", String(repeating: "z", count: 1_200)]))
        }
    }

    /// 6. Raw 8-bit headers: windows-1251 and KOI8-R are told apart (KOI8-R read as
    /// windows-1251 is case-inverted Cyrillic).
    @Test func rawEightBitSubjectsInEitherRussianCharset() throws {
        // «Отчёт за март» in windows-1251 and in KOI8-R.
        let cp1251: [UInt8] = [0xCE, 0xF2, 0xF7, 0xB8, 0xF2, 0x20, 0xE7, 0xE0, 0x20, 0xEC, 0xE0, 0xF0, 0xF2]
        let koi8: [UInt8] = [0xEF, 0xD4, 0xDE, 0xA3, 0xD4, 0x20, 0xDA, 0xC1, 0x20, 0xCD, 0xC1, 0xD2, 0xD4]
        for subject in [cp1251, koi8] {
            let raw = Array("From: a@b.test\r\nSubject: ".utf8) + subject + Array("\r\n\r\nbody\r\n".utf8)
            #expect(try parser.parse(raw).subject == "Отчёт за март")
        }
    }

    /// 6b. A text part labelled UTF-8 whose bytes are windows-1251 is still read.
    @Test func mislabelledBodiesAreRead() throws {
        let body: [UInt8] = [0x32, 0x2E, 0x35, 0x3A, 0x20, 0xC4, 0xE0]  // "2.5: Да" in windows-1251
        let raw = Array("From: a@b.test\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n".utf8) + body
        #expect(try parser.parse(raw).text == "2.5: Да")
    }
}

@Suite struct EncodedFileNameTests {
    @Test func anUnquotedEncodedWordNameIsDecoded() throws {
        let raw = Array(
            [
                "From: a@b.test", "Content-Type: multipart/mixed; boundary=X", "",
                "--X", "Content-Type: text/plain", "", "1.1: 1",
                "--X", "Content-Type: application/pdf; name==?UTF-8?B?MS4xINC/0YDQuNC60LDQty5wZGY=?=",
                "Content-Disposition: attachment; filename==?UTF-8?B?MS4xINC/0YDQuNC60LDQty5wZGY=?=",
                "Content-Transfer-Encoding: base64", "", "JVBERi0xLjQKJSVFT0YK", "--X--",
            ].joined(separator: "\r\n").utf8)
        #expect(try MessageParser().parse(raw).attachments.first?.fileName == "1.1 приказ.pdf")
    }
}
