import IndigateCore
import Testing

@Suite struct DocumentMatcherTests {
    static let known: Set<String> = ["1.1", "1.2", "1.21", "2.1"]

    func match(
        _ attachments: [(fileName: String, isPDF: Bool)], assigned: Set<String> = ["1.2", "1.21", "2.1"],
        waiting: Set<String> = []
    ) -> [DocumentMatcher.Disposition] {
        DocumentMatcher.match(attachments, assigned: assigned, known: Self.known, valuesNeedingDocument: waiting)
    }

    @Test(arguments: ["1.2 приказ.pdf", "1.2_prikaz.pdf", "1.2.pdf", "1.2-приказ.pdf", "  1.2 приказ.pdf"])
    func mapsAFileNamedWithACodeToIt(fileName: String) {
        #expect(match([(fileName, true)]) == [.document(code: "1.2")])
    }

    @Test func prefersTheLongestCodeTheNameStartsWith() {
        #expect(match([("1.21 x.pdf", true)]) == [.document(code: "1.21")])
    }

    @Test func doesNotReadALongerUnknownCodeAsAShorterOne() {
        #expect(match([("1.22 x.pdf", true)]) == [.unmatched])
        #expect(match([("1.2.3 x.pdf", true)]) == [.unmatched])
    }

    @Test func reportsACodeTheOrganisationDoesNotAnswer() {
        #expect(match([("1.1 приказ.pdf", true)]) == [.notAssigned(code: "1.1")])
    }

    @Test func leavesAnUnnamedPDFUnmatchedWhenNoValueWaits() {
        #expect(match([("приказ.pdf", true)]) == [.unmatched])
    }

    @Test func givesTheOnlyUnnamedPDFToTheOnlyValueWaitingForADocument() {
        #expect(match([("приказ.pdf", true)], waiting: ["1.2"]) == [.document(code: "1.2")])
    }

    @Test func appliesTheSinglePDFRuleAfterNamedFilesAreMatched() {
        let result = match([("1.2 приказ.pdf", true), ("scan.pdf", true)], waiting: ["1.2", "2.1"])
        #expect(result == [.document(code: "1.2"), .document(code: "2.1")])
    }

    @Test func doesNotGuessWithTwoUnnamedPDFs() {
        #expect(match([("a.pdf", true), ("b.pdf", true)], waiting: ["1.2"]) == [.unmatched, .unmatched])
    }

    @Test func doesNotGuessWithTwoValuesWaiting() {
        #expect(match([("a.pdf", true)], waiting: ["1.2", "2.1"]) == [.unmatched])
    }

    @Test(arguments: ["winmail.dat", "WINMAIL.DAT", "Письмо.msg"])
    func recognisesOutlookContainers(fileName: String) {
        #expect(match([(fileName, false)], waiting: ["1.2"]) == [.outlookContainer])
    }

    @Test func reportsAFileNamedPDFWhoseBytesAreNot() {
        #expect(match([("1.2 приказ.pdf", false)], waiting: ["1.2"]) == [.brokenPDF])
        #expect(match([("1.2 приказ.PDF", false)]) == [.brokenPDF])
    }

    @Test func refusesOtherFormats() {
        #expect(match([("1.2 скан.jpg", false)], waiting: ["1.2"]) == [.notPDF])
        #expect(match([("приказ.docx", false)]) == [.notPDF])
    }

    @Test func keepsTheOrderOfTheAttachments() {
        let result = match([("photo.jpg", false), ("2.1 положение.pdf", true), ("winmail.dat", false)])
        #expect(result == [.notPDF, .document(code: "2.1"), .outlookContainer])
    }
}
