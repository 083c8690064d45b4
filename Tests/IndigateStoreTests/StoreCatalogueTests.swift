import Foundation
import IndigateCore
import IndigateStore
import Testing

@Suite struct StoreCatalogueTests {
    let fixture: StoreFixture

    init() throws {
        fixture = try StoreFixture()
    }

    @Test func readsBackTheCatalogueInOrderWithParticipantsAsStored() throws {
        let catalogue = Catalogue(groups: [
            IndicatorGroup(
                code: "2", title: "Цель 2",
                indicators: [
                    Indicator(
                        code: "2.1", groupCode: "2", question: "Доля", type: .percentage, parts: ["часть", "целое"],
                        document: "отчёт", participants: .schools)
                ]),
            IndicatorGroup(
                code: "1", title: "Цель 1",
                indicators: [
                    Indicator(code: "1.1", groupCode: "1", question: "Есть ли?", type: .yesno, participants: .mouo)
                ]),
        ])
        let stored = try fixture.store.write { db in
            try db.makeOrganization(inn: "7415000001", kind: .school)
            try db.makeOrganization(inn: "7415000100", kind: .mouo)
            try db.saveCatalogue(catalogue)
            return try db.catalogue()
        }
        #expect(stored.groups.map(\.code) == ["2", "1"])
        let share = try #require(stored.indicator(code: "2.1"))
        #expect(share.type == .percentage)
        #expect(share.parts == ["часть", "целое"])
        #expect(share.document == "отчёт")
        #expect(share.participants == .list(["7415000001"]))
        #expect(stored.indicator(code: "1.1")?.participants == .list(["7415000100"]))
        #expect(stored.indicator(code: "1.1")?.document == nil)
    }

    @Test func updatesAnIndicatorSavedAgain() throws {
        var catalogue = StoreTransaction.catalogue
        try fixture.store.write { try $0.saveCatalogue(catalogue) }
        catalogue.groups[0].indicators[0].question = "Новый вопрос"
        let stored = try fixture.store.write { db in
            try db.saveCatalogue(catalogue)
            return try db.catalogue()
        }
        #expect(stored.indicators.count == 2)
        #expect(stored.indicator(code: "1.1")?.question == "Новый вопрос")
    }
}
