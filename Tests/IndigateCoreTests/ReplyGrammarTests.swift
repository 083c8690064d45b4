import IndigateCore
import Testing

@Suite struct ReplyGrammarTests {
    static let catalogue = Catalogue(groups: [
        IndicatorGroup(
            code: "1", title: "Цель 1",
            indicators: [
                Indicator(
                    code: "1.2", groupCode: "1", question: "Количество обучающихся", type: .numeric,
                    document: "приказ", participants: .schools),
                Indicator(
                    code: "1.3", groupCode: "1", question: "Доля обучающихся", type: .percentage,
                    parts: ["часть", "целое"], participants: .schools),
            ]),
        IndicatorGroup(
            code: "2", title: "Цель 2",
            indicators: [
                Indicator(code: "2.1", groupCode: "2", question: "Есть ли центр?", type: .yesno, participants: .schools)
            ]),
    ])

    let grammar = ReplyGrammar(catalogue: Self.catalogue)

    /// The only line the grammar made of `text`.
    func single(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ReplyLine {
        let lines = grammar.read(text)
        try #require(lines.count == 1, "got \(lines)", sourceLocation: sourceLocation)
        return lines[0]
    }

    func problem(of text: String) throws -> ReplyProblem? {
        if case .invalid(_, _, let problem) = try single(text) { return problem }
        return nil
    }

    // MARK: numbers

    @Test func readsAPlainNumberAfterAColon() throws {
        #expect(try single("1.2: 125") == .value(code: "1.2", text: "1.2: 125", value: .number(125)))
    }

    @Test func readsAnEqualsSignAndASpaceAsThousandSeparator() throws {
        #expect(try single("1.2 = 1 234") == .value(code: "1.2", text: "1.2 = 1 234", value: .number(1234)))
    }

    @Test(arguments: ["\u{00A0}", "\u{2009}", "\u{202F}"])
    func readsUnicodeSpacesAsThousandSeparators(separator: String) throws {
        let line = try single("1.2: 1\(separator)234")
        guard case .value(_, _, let value) = line else {
            Issue.record("not a value: \(line)")
            return
        }
        #expect(value == .number(1234))
    }

    @Test func refusesDigitGroupsThatAreNotThousands() throws {
        #expect(try problem(of: "1.2: 12 34") == .notAWholeNumber(expected: .numeric))
    }

    /// WholeNumber.read checks every group after the first, never the first: «1234 567» passes.
    @Test func refusesAFirstGroupOfMoreThanThreeDigits() throws {
        let problem = try problem(of: "1.2: 1234 567")
        #expect(problem == .notAWholeNumber(expected: .numeric))
    }

    @Test func refusesANegativeNumber() throws {
        #expect(try problem(of: "1.2: -5") == .negativeNumber)
    }

    @Test func refusesWordsForANumber() throws {
        #expect(try problem(of: "1.2: много") == .notAWholeNumber(expected: .numeric))
    }

    // MARK: yes / no

    @Test(arguments: [("Да", true), ("да", true), ("YES", true), ("no", false), ("Нет.", false)])
    func readsYesAndNoInBothLanguages(word: String, yes: Bool) throws {
        #expect(try single("2.1: \(word)") == .value(code: "2.1", text: "2.1: \(word)", value: .yesNo(yes)))
    }

    @Test func refusesAnythingElseForYesNo() throws {
        #expect(try problem(of: "2.1: возможно") == .notYesNo)
    }

    // MARK: percentages

    @Test(arguments: ["45 / 300", "45 из 300", "45/300"])
    func readsAPercentageAsPartAndWhole(text: String) throws {
        #expect(
            try single("1.3: \(text)") == .value(code: "1.3", text: "1.3: \(text)", value: .percentage(part: 45, whole: 300)))
    }

    @Test func refusesAPartGreaterThanTheWhole() throws {
        #expect(try problem(of: "1.3: 300 / 45") == .partExceedsWhole)
    }

    @Test func takesZeroAsAPercentage() throws {
        #expect(try single("1.3: 0 / 0") == .value(code: "1.3", text: "1.3: 0 / 0", value: .percentage(part: 0, whole: 0)))
        #expect(try single("1.3: 0") == .value(code: "1.3", text: "1.3: 0", value: .percentage(part: 0, whole: 0)))
        #expect(Value.percentage(part: 0, whole: 0).russianText == "0 из 0 (0,0 %)")
        #expect(try problem(of: "1.3: 5 / 0") == .partExceedsWhole)
    }

    @Test func refusesAPercentageWithOneNumber() throws {
        #expect(try problem(of: "1.3: 45") == .percentageNeedsTwoNumbers)
    }

    @Test func reportsTheProblemOfABadPartOfAPercentage() throws {
        #expect(try problem(of: "1.3: -1 / 300") == .negativeNumber)
        #expect(try problem(of: "1.3: сорок / 300") == .notAWholeNumber(expected: .percentage))
    }

    // MARK: codes

    @Test func reportsAnUnknownCode() throws {
        #expect(try single("9.9: 5") == .invalid(code: "9.9", text: "9.9: 5", problem: .unknownCode))
    }

    @Test func doesNotTakeALongerCodeForAShorterOne() throws {
        #expect(try single("1.21: 5") == .invalid(code: "1.21", text: "1.21: 5", problem: .unknownCode))
    }

    @Test func acceptsADotAfterTheCode() throws {
        #expect(try single("1.2.: 7") == .value(code: "1.2", text: "1.2.: 7", value: .number(7)))
    }

    @Test func takesTheValueFromTheNextLineAfterABareCode() throws {
        #expect(try single("1.2:\n125") == .value(code: "1.2", text: "1.2: 125", value: .number(125)))
    }

    @Test func reportsAMissingValueWhenTheNextLineIsAnotherCode() {
        let lines = grammar.read("1.2:\n2.1: Да")
        #expect(
            lines == [
                .invalid(code: "1.2", text: "1.2:", problem: .missingValue),
                .value(code: "2.1", text: "2.1: Да", value: .yesNo(true)),
            ])
    }

    @Test func reportsAMissingValueAtTheEndOfTheText() throws {
        #expect(try problem(of: "1.2:") == .missingValue)
    }

    @Test func marksEveryLineOfACodeGivenTwice() {
        let lines = grammar.read("1.2: 5\n2.1: да\n1.2: 6")
        #expect(
            lines == [
                .invalid(code: "1.2", text: "1.2: 5", problem: .duplicateCode),
                .value(code: "2.1", text: "2.1: да", value: .yesNo(true)),
                .invalid(code: "1.2", text: "1.2: 6", problem: .duplicateCode),
            ])
    }

    /// markingDuplicates counts only well-formed lines, so a code given once well and once badly
    /// keeps its well-formed value, against its own rule «an error on every line that gives it».
    @Test func marksACodeGivenTwiceEvenWhenOneLineIsInvalid() {
        let lines = grammar.read("1.2: 5\n1.2: много")
        #expect(lines.first == .invalid(code: "1.2", text: "1.2: 5", problem: .duplicateCode))
        #expect(lines.count == 2)
    }

    @Test func ignoresQuestionLinesWhereTheCodeIsFollowedByADotAndText() {
        #expect(grammar.read("1.2. Укажите количество обучающихся: ____\n1.3. Доля").isEmpty)
    }

    @Test func ignoresTextAroundTheValues() {
        let text = """
            Добрый день!
            Направляем данные за сентябрь.

              1.2: 125
            Время: 10:15
            С уважением, Иванова А. П.
            """
        #expect(grammar.read(text) == [.value(code: "1.2", text: "1.2: 125", value: .number(125))])
    }

    // MARK: registration

    @Test func readsTheRegistrationLines() {
        let text = "ФИО: Иванова Анна Петровна\nДолжность: завуч\nТелефон: +7 912 345-67-89"
        #expect(
            grammar.read(text) == [
                .registration(field: .personName, text: "ФИО: Иванова Анна Петровна", value: "Иванова Анна Петровна"),
                .registration(field: .position, text: "Должность: завуч", value: "завуч"),
                .registration(field: .phone, text: "Телефон: +7 912 345-67-89", value: "+7 912 345-67-89"),
            ])
    }

    @Test func ignoresARegistrationLabelWithoutAValue() {
        #expect(grammar.read("ФИО:\nДолжность:   ").isEmpty)
    }

    @Test func doesNotTakeARegistrationLineForTheValueOfABareCode() {
        let lines = grammar.read("1.2:\nФИО: Иванова Анна Петровна")
        #expect(lines.first == .invalid(code: "1.2", text: "1.2:", problem: .missingValue))
        #expect(
            lines.last == .registration(field: .personName, text: "ФИО: Иванова Анна Петровна", value: "Иванова Анна Петровна"))
    }
}
