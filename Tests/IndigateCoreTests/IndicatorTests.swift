import IndigateCore
import Testing

@Suite struct IndicatorTests {
    func indicator(_ type: IndicatorType, document: String? = "приказ о назначении") -> Indicator {
        Indicator(
            code: "1.2", groupCode: "1", question: "Вопрос", type: type,
            parts: type == .percentage ? ["часть", "целое"] : [], document: document, participants: .schools)
    }

    @Test(arguments: [Value.number(5), .yesNo(true), .percentage(part: 1, whole: 2)])
    func requiresNothingWithoutADocument(value: Value) {
        #expect(!indicator(.numeric, document: nil).requiresDocument(for: value))
    }

    @Test func requiresADocumentForAPositiveNumberOnly() {
        #expect(!indicator(.numeric).requiresDocument(for: .number(0)))
        #expect(indicator(.numeric).requiresDocument(for: .number(1)))
        #expect(indicator(.numeric).requiresDocument(for: .number(125)))
    }

    @Test func requiresADocumentForYesOnly() {
        #expect(indicator(.yesno).requiresDocument(for: .yesNo(true)))
        #expect(!indicator(.yesno).requiresDocument(for: .yesNo(false)))
    }

    @Test func requiresADocumentForANonZeroPartOnly() {
        #expect(!indicator(.percentage).requiresDocument(for: .percentage(part: 0, whole: 300)))
        #expect(indicator(.percentage).requiresDocument(for: .percentage(part: 45, whole: 300)))
    }
}
