import Foundation
import IndigateCore
import IndigateMIME
import Testing

@testable import IndigateApp

/// The parse worker's answer as the daemon reads it from the pipe: every field of a parsed
/// message comes through, and bytes a subverted worker could write instead are an unreadable
/// answer, never a trap or a message made up.
struct WorkerAnswerTests {
    /// A message with every field set, the optional ones to values other than their defaults.
    static let full: ParsedMessage = {
        var message = ParsedMessage(
            messageID: "m1@school.test", inReplyTo: "r1@rcokio.test", references: ["a@x", "r1@rcokio.test"],
            subject: "Re: данные за сентябрь", from: ["clerk@school.test"],
            recipients: ["monitoring+t@rcokio.test", "cc@school.test"], replyTo: ["head@school.test"],
            headers: ["auto-submitted": "no", "content-type": "multipart/mixed"], text: "1.1: 5\nкомментарий\n",
            attachments: [
                .init(
                    fileName: "2.7 положение.pdf", contentType: "application/pdf", bytes: Array("%PDF-1.4 …".utf8),
                    pdf: PDFInspection(pages: 3, encrypted: true, active: [.launch, .javaScript], problem: .damaged)),
                .init(fileName: "", contentType: "application/octet-stream", bytes: [], pdf: nil, form: nil),
                .init(
                    fileName: "форма.xlsx", contentType: "application/vnd.ms-excel", bytes: [0x50, 0x4B, 3, 4],
                    pdf: PDFInspection(pages: nil, encrypted: false, active: [], problem: nil),
                    form: ReplyForm(
                        tokens: ["t1"], inns: ["7701000000"], rounds: ["2020-09"],
                        rows: [
                            .init(row: 12, code: "1.1", value: "45", whole: "300"),
                            .init(row: 13, code: "1.2", value: "", whole: ""),
                        ],
                        unreadable: "the sheet is gone")),
            ])
        message.fromIsAmbiguous = true
        message.authenticationResults = ["mx.rcokio.test; dmarc=pass", "mx.rcokio.test; spf=fail"]
        message.forwardedTexts = ["пересланный текст", ""]
        return message
    }()

    /// Writes `parts` into a pipe as a worker does and reads them back as the daemon does.
    func roundTrip(_ parts: [[UInt8]]) throws -> ParseOutcome?? {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let (reading, writing) = (fds[0], fds[1])
        defer { close(reading) }
        let bytes = parts.flatMap { $0 }
        let writer = Thread {
            _ = WorkerFrame.write(writing, bytes, deadline: nil)
            close(writing)
        }
        writer.start()
        return WorkerAnswer.read(from: reading, length: bytes.count, deadline: Date().addingTimeInterval(10))
    }

    @Test func everyFieldOfAParsedMessageComesThrough() throws {
        let answer = try roundTrip(try WorkerAnswer.parts(Self.full))
        #expect(answer == .some(.parsed(Self.full)))
        let bare = ParsedMessage(text: "")
        #expect(try roundTrip(try WorkerAnswer.parts(bare)) == .some(.parsed(bare)), "nil and empty stay nil and empty")
    }

    @Test func aRefusalComesThrough() throws {
        #expect(
            try roundTrip(WorkerAnswer.parts(MIMEError.hostileHeader(name: "to"))) == .some(.refused(.hostileHeader(name: "to"))))
    }

    /// An answer whose outline is made up: garbage, an active-content kind or a PDF problem we
    /// do not have, lengths that do not add up, a tag no worker writes.
    @Test func anAnswerNoWorkerWritesIsUnreadable() throws {
        func answer(tag: UInt8 = WorkerFrame.parsed, outline: [UInt8], rest: [[UInt8]]) -> [[UInt8]] {
            [[tag] + WorkerFrame.header(length: outline.count) + outline] + rest
        }
        let garbage = answer(outline: Array("{\"message\": {}}".utf8), rest: [[]])
        #expect(try roundTrip(garbage) == .some(nil))

        var parts = try WorkerAnswer.parts(Self.full)
        #expect(
            try roundTrip(answer(tag: 7, outline: Array(parts[0].dropFirst(9)), rest: Array(parts.dropFirst()))) == .some(nil))

        let outline = Array(parts[0].dropFirst(9))
        let launch = Array("launch".utf8)
        let start = try #require(outline.firstRange(of: launch))
        var unknownKind = outline
        unknownKind.replaceSubrange(start, with: Array("lunch!".utf8))
        #expect(try roundTrip(answer(outline: unknownKind, rest: Array(parts.dropFirst()))) == .some(nil))

        let damaged = try #require(outline.firstRange(of: Array("damaged".utf8)))
        var unknownProblem = outline
        unknownProblem.replaceSubrange(damaged, with: Array("damages".utf8))
        #expect(try roundTrip(answer(outline: unknownProblem, rest: Array(parts.dropFirst()))) == .some(nil))

        parts[parts.count - 1].append(0)  // one byte more than the outline says
        #expect(try roundTrip(parts) == .some(nil))
    }
}
