import IndigateCore
import Testing

@Suite struct ValueTests {
    @Test(arguments: [(1, 3, 33.3), (2, 3, 66.7), (45, 300, 15.0), (1, 8, 12.5), (300, 300, 100.0), (0, 7, 0.0)])
    func roundsThePercentToOneDecimal(part: Int, whole: Int, percent: Double) {
        #expect(Value.percentage(part: part, whole: whole).percent == percent)
    }

    @Test func hasNoPercentForOtherKinds() {
        #expect(Value.number(45).percent == nil)
        #expect(Value.yesNo(true).percent == nil)
    }

    @Test func nothingOfNothingIsZeroPercent() {
        #expect(Value.percentage(part: 0, whole: 0).percent == 0)
    }

    @Test func printsANumberAsItIs() {
        #expect(Value.number(1234).russianText == "1234")
        #expect(Value.number(0).russianText == "0")
    }

    @Test func printsYesAndNoInRussian() {
        #expect(Value.yesNo(true).russianText == "Да")
        #expect(Value.yesNo(false).russianText == "Нет")
    }

    @Test func printsAPercentageWithPartWholeAndADecimalComma() {
        #expect(Value.percentage(part: 45, whole: 300).russianText == "45 из 300 (15,0 %)")
        #expect(Value.percentage(part: 2, whole: 3).russianText == "2 из 3 (66,7 %)")
    }

    @Test func printsAPercentageOfNothingAsZero() {
        #expect(Value.percentage(part: 0, whole: 0).russianText == "0 из 0 (0,0 %)")
    }

    @Test(arguments: [(15.0, "15,0"), (33.3, "33,3"), (0.05, "0,1"), (99.96, "100,0"), (7.25, "7,3")])
    func writesOneDecimalWithAComma(number: Double, text: String) {
        #expect(Value.russianDecimal(number) == text)
    }
}
