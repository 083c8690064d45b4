import Foundation
import IndigateCore
import Testing

@Suite struct CatalogueTests {
    static func indicator(
        _ code: String, _ type: IndicatorType = .numeric, parts: [String] = [], participants: Participants = .schools
    ) -> Indicator {
        Indicator(
            code: code, groupCode: String(code.prefix { $0 != "." }), question: "Вопрос \(code)", type: type,
            parts: parts, participants: participants)
    }

    static let school = Organization(
        inn: "7415000001", kind: .school, shortName: "СОШ № 5", fullName: "МОУ СОШ № 5", municipality: "Миасский ГО",
        mouoInn: "7415000100")
    static let mouo = Organization(
        inn: "7415000100", kind: .mouo, shortName: "УО Миасса", fullName: "Управление образования",
        municipality: "Миасский ГО", mouoInn: nil)

    static let sound = Catalogue(groups: [
        IndicatorGroup(
            code: "1", title: "Цель 1",
            indicators: [
                indicator("1.1"), indicator("1.2", .percentage, parts: ["часть", "целое"]),
                indicator("1.3", participants: .mouo),
            ]),
        IndicatorGroup(
            code: "2", title: "Цель 2",
            indicators: [
                indicator("2.1", .yesno), indicator("2.2", participants: .list(["7415000100", "7415000002"])),
            ]),
    ])

    @Test func findsNoProblemInASoundCatalogue() {
        #expect(Self.sound.problems().isEmpty)
    }

    @Test func findsADuplicateCode() {
        var catalogue = Self.sound
        catalogue.groups[1].indicators.append(Self.indicator("1.1"))
        #expect(catalogue.problems().contains { $0.contains("1.1") && $0.contains("twice") })
    }

    @Test func findsADuplicateGroup() {
        var catalogue = Self.sound
        catalogue.groups.append(IndicatorGroup(code: "2", title: "Ещё раз", indicators: []))
        #expect(catalogue.problems() == ["group 2 appears twice"])
    }

    @Test func findsACodeOutsideItsGroup() {
        var catalogue = Self.sound
        catalogue.groups[0].indicators.append(Self.indicator("2.5"))
        #expect(catalogue.problems().count == 1)
        #expect(catalogue.problems().first?.contains("2.5") == true)
    }

    @Test func doesNotTakeALongerGroupNumberForTheGroup() {
        let catalogue = Catalogue(groups: [IndicatorGroup(code: "1", title: "", indicators: [Self.indicator("11.1")])])
        #expect(catalogue.problems().count == 1)
    }

    @Test(arguments: [[], ["часть"], ["часть", "целое", "лишнее"]])
    func findsAPercentageWithoutTwoParts(parts: [String]) {
        let catalogue = Catalogue(groups: [
            IndicatorGroup(code: "1", title: "", indicators: [Self.indicator("1.1", .percentage, parts: parts)])
        ])
        #expect(catalogue.problems() == ["percentage indicator 1.1 needs exactly two parts"])
    }

    @Test func findsPartsOnAnIndicatorThatIsNotAPercentage() {
        let catalogue = Catalogue(groups: [
            IndicatorGroup(code: "1", title: "", indicators: [Self.indicator("1.1", .numeric, parts: ["a", "b"])])
        ])
        #expect(catalogue.problems().count == 1)
    }

    @Test func listsIndicatorsInCatalogueOrderAndFindsThemByCode() {
        #expect(Self.sound.indicators.map(\.code) == ["1.1", "1.2", "1.3", "2.1", "2.2"])
        #expect(Self.sound.indicator(code: "2.1")?.type == .yesno)
        #expect(Self.sound.indicator(code: "2.11") == nil)
    }

    @Test func selectsTheIndicatorsAnOrganisationAnswers() {
        #expect(
            Self.sound.indicators(for: Self.school, in: Self.round(Self.sound.indicators.map(\.code))).map(\.code) == [
                "1.1", "1.2", "2.1",
            ])
        #expect(
            Self.sound.indicators(for: Self.mouo, in: Self.round(Self.sound.indicators.map(\.code))).map(\.code) == [
                "1.3", "2.2",
            ])
    }

    @Test func selectsOnlyWhatTheRoundAsks() {
        let second = Self.round(Self.sound.indicators(ofGroups: ["2"]).map(\.code))
        #expect(Self.sound.indicators(for: Self.school, in: second).map(\.code) == ["2.1"])
        #expect(
            Self.sound.indicators(for: Self.mouo, in: Self.round(Self.sound.indicators(ofGroups: ["1"]).map(\.code))).map(\.code)
                == ["1.3"])
        #expect(Self.sound.indicators(ofGroups: ["9"]).isEmpty)
    }

    static func round(_ codes: [String]) -> Round {
        Round(
            id: 1, month: "2020-09", deadline: "2020-09-25", nextDataAfter: "2020-09-30", openedAt: Date(), indicatorCodes: codes)
    }
}
