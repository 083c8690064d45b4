import Testing

@testable import IndigateCore

@Suite struct CommandGrammarTests {
    func commands(_ text: String) -> [Result<OperatorCommand, CommandProblem>] {
        CommandGrammar.read(text).map(\.command)
    }

    @Test func acceptsIdsListsAndRangesInBothLanguages() {
        #expect(commands("ПРИНЯТЬ 1042") == [.success(.accept(.ids([1042])))])
        #expect(commands("accept 1042, 1044-1046 1050") == [.success(.accept(.ids([1042, 1044, 1045, 1046, 1050])))])
        #expect(commands("Принять: 7") == [.success(.accept(.ids([7])))])
    }

    @Test func acceptAllMeansTheLetter() {
        #expect(commands("ПРИНЯТЬ ВСЕ") == [.success(.accept(.all))])
        #expect(commands("ACCEPT ALL") == [.success(.accept(.all))])
    }

    @Test func rejectCarriesAResolutionThatMayContinueBelow() {
        #expect(
            commands("ОТКЛОНИТЬ 1043 Уточните информацию") == [.success(.reject(.ids([1043]), resolution: "Уточните информацию"))]
        )
        let lines = CommandGrammar.read("REJECT 5 Wrong number\n  the total is 300\nПРИНЯТЬ 6")
        #expect(lines.count == 2)
        #expect(lines[0].command == .success(.reject(.ids([5]), resolution: "Wrong number the total is 300")))
        #expect(lines[0].text == "REJECT 5 Wrong number\nthe total is 300")
        #expect(lines[1].command == .success(.accept(.ids([6]))))
    }

    @Test func reportTakesItsWordsAndEndsAResolution() {
        #expect(commands("ОТЧЁТ") == [.success(.report(words: []))])
        #expect(commands("отчет:  Еткульский\tНОВЫЕ CSV") == [.success(.report(words: ["Еткульский", "НОВЫЕ", "CSV"]))])
        let many = "REPORT " + (1...20).map(String.init).joined(separator: " ")
        #expect(commands(many) == [.success(.report(words: (1...8).map(String.init)))])
        #expect(
            commands("ОТКЛОНИТЬ 5 Неверно\nОТЧЁТ НОВЫЕ") == [
                .success(.reject(.ids([5]), resolution: "Неверно")), .success(.report(words: ["НОВЫЕ"])),
            ])
    }

    @Test func aRejectionNeedsAResolution() {
        #expect(commands("ОТКЛОНИТЬ 1043") == [.failure(.missingResolution)])
        #expect(commands("ОТКЛОНИТЬ 1043\n\nПРИНЯТЬ 1") == [.failure(.missingResolution), .success(.accept(.ids([1])))])
    }

    @Test func malformedNumbersAreReported() {
        #expect(commands("ПРИНЯТЬ абв") == [.failure(.badNumbers)])
        #expect(commands("ПРИНЯТЬ 10-5") == [.failure(.badNumbers)])
        #expect(commands("ПРИНЯТЬ 1 и ещё") == [.failure(.badNumbers)])
        #expect(commands("ПРИНЯТЬ 1-5000") == [.failure(.tooMany)])
    }

    @Test func readingStopsAtStopOrASignature() {
        #expect(commands("ПРИНЯТЬ 1\nСТОП\nПРИНЯТЬ 2").count == 1)
        #expect(commands("ПРИНЯТЬ 1\nstop\nПРИНЯТЬ 2").count == 1)
        #expect(commands("ПРИНЯТЬ 1\n--\nПРИНЯТЬ 2").count == 1)
    }

    @Test func otherLinesAreNotCommands() {
        #expect(commands("Добрый день!\nпринимаю всё\nСпасибо").isEmpty)
    }

    @Test func quarantineCommandsTakeListsAndRanges() {
        #expect(
            commands("ОСВОБОДИТЬ 7\nОТБРОСИТЬ 8\nRELEASE 9\nDROP 10") == [
                .success(.release([7])), .success(.drop([8])), .success(.release([9])), .success(.drop([10])),
            ])
        #expect(commands("ОСВОБОДИТЬ 7 8, 10-12") == [.success(.release([7, 8, 10, 11, 12]))])
        #expect(commands("ОТБРОСИТЬ ВСЕ") == [.failure(.badNumbers)], "the quarantine has no «all»")
    }

    @Test func aResolutionThatStartsWithANumberIsNotReadAsIds() {
        #expect(
            commands("ОТКЛОНИТЬ 1043 10 учеников не может быть больше 5") == [
                .success(.reject(.ids([1043]), resolution: "10 учеников не может быть больше 5"))
            ])
        #expect(commands("ОТКЛОНИТЬ 1043,1044 Проверьте") == [.success(.reject(.ids([1043, 1044]), resolution: "Проверьте"))])
        #expect(
            commands("ОТКЛОНИТЬ 1043-1045: Проверьте") == [.success(.reject(.ids([1043, 1044, 1045]), resolution: "Проверьте"))])
        #expect(commands("ОТКЛОНИТЬ ВСЕ Проверьте") == [.success(.reject(.all, resolution: "Проверьте"))])
    }

    @Test func aMistypedCommandEndsAResolutionAndIsAnsweredAsAnError() {
        let lines = CommandGrammar.read("ОТКЛОНИТЬ 5 Проверьте значение\nПРИНЯТ 10\nпринять 11")
        #expect(
            lines.map(\.command) == [
                .success(.reject(.ids([5]), resolution: "Проверьте значение")), .failure(.unknownVerb),
                .success(.accept(.ids([11]))),
            ])
        #expect(lines[1].text == "ПРИНЯТ 10")
        #expect(commands("ACEPT ALL") == [.failure(.unknownVerb)])
        #expect(commands("Прошу 10 дней на исправление").isEmpty, "an ordinary sentence with a number is not a command")
    }
}
