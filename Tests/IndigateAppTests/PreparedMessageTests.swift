import Crypto
import IndigateCore
import Testing

@testable import IndigateApp

/// What is made of a parsed message beside the parse, before its handling: the same reading,
/// preview and digests the handling thread used to make itself.
@Suite struct PreparedMessageTests {
    static let catalogue = Catalogue(groups: [
        IndicatorGroup(
            code: "1", title: "Цель 1",
            indicators: [
                Indicator(code: "1.2", groupCode: "1", question: "Количество", type: .numeric, participants: .schools),
                Indicator(code: "1.3", groupCode: "1", question: "Число", type: .numeric, participants: .schools),
            ])
    ])

    static func message() -> ParsedMessage {
        var message = ParsedMessage(
            from: ["school@example.ru"],
            text: "1.2: 125\n  СТАТУС \n\n\(ReplyText.marker)\n1.3: 999\n",
            attachments: [
                .init(fileName: "1.2 приказ.pdf", contentType: "application/pdf", bytes: Array("первый".utf8)),
                .init(fileName: "2.pdf", contentType: "application/pdf", bytes: Array("второй".utf8)),
            ])
        message.forwardedTexts = ["1.3: 7\n> 1.2: 1"]
        return message
    }

    @Test func readsTheNewTextOfTheBodyAndOfForwardedReplies() {
        let prepared = PreparedMessage(
            Self.message(), addressing: Addressing(), grammar: ReplyGrammar(catalogue: Self.catalogue), documentBytes: 1 << 20)
        #expect(
            prepared.reading.lines == [
                .value(code: "1.2", text: "1.2: 125", value: .number(125)),
                .value(code: "1.3", text: "1.3: 7", value: .number(7)),
            ])
        #expect(prepared.reading.asksStatus)
        #expect(!prepared.reading.asksCatalogue)
        #expect(prepared.reading.address == nil)
        #expect(prepared.preview == ["1.2: 125", "СТАТУС"])
    }

    @Test func digestsEachAttachmentInOrder() {
        let message = Self.message()
        let prepared = PreparedMessage(
            message, addressing: Addressing(), grammar: ReplyGrammar(catalogue: Self.catalogue), documentBytes: 1 << 20)
        #expect(prepared.digests == message.attachments.map { SHA256.hash(data: $0.bytes).hex })
        #expect(prepared.digests[0] != prepared.digests[1])
    }

    @Test func onlyAWholeCleanPDFIsACandidateDocument() {
        let pdf = Array("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n".utf8)
        let clean = PDFInspection(pages: 1, encrypted: false, active: [], problem: nil)
        let message = ParsedMessage(
            from: ["school@example.ru"], text: "1.2: 125\n",
            attachments: [
                .init(fileName: "1.2.pdf", contentType: "application/pdf", bytes: pdf, pdf: clean),
                .init(fileName: "1.2.pdf", contentType: "application/pdf", bytes: Array(pdf.dropLast(7)), pdf: clean),
                .init(
                    fileName: "1.2.pdf", contentType: "application/pdf", bytes: pdf,
                    pdf: PDFInspection(pages: 1, encrypted: false, active: [.javaScript], problem: nil)),
                .init(fileName: "1.2.pdf", contentType: "application/pdf", bytes: pdf, pdf: nil),
                .init(fileName: "1.3.pdf", contentType: "application/pdf", bytes: pdf, pdf: clean),
                .init(
                    fileName: "1.2.pdf", contentType: "application/pdf",
                    bytes: pdf.prefix(9) + [UInt8](repeating: 0x20, count: 1 << 20) + pdf.dropFirst(9), pdf: clean),
            ])
        let prepared = PreparedMessage(
            message, addressing: Addressing(), grammar: ReplyGrammar(catalogue: Self.catalogue), documentBytes: 1 << 20)
        #expect(
            prepared.candidates == [0, 4],
            "cut short, active content, never inspected, too large: refused whatever the reply says")
    }
}
