import Foundation
import IndigateCore
import IndigateStore

/// A fresh database in its own temporary directory, removed when the fixture goes.
final class StoreFixture {
    /// 2020-09-16T10:12:00Z.
    static let now = Date(timeIntervalSince1970: 1_600_251_120)

    let directory: URL
    let path: String
    let store: Store

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("indigate-store-tests-\(UUID().uuidString)", isDirectory: true)
        path = directory.appendingPathComponent("indigate.sqlite").path
        store = try Store(path: path, access: .create)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A school, its respondent, the catalogue and an open round, for tests that need them all.
    func seeded() throws -> Seed {
        try store.write { db in
            let organizationID = try db.makeOrganization()
            let contactID = try db.makeContact(organizationID: organizationID)
            try db.makeCatalogue()
            let round = try db.makeRound()
            return Seed(organizationID: organizationID, contactID: contactID, roundID: round.id)
        }
    }

    struct Seed {
        var organizationID: Int64
        var contactID: Int64
        var roundID: Int64
    }
}

extension StoreTransaction {
    static let catalogue = Catalogue(groups: [
        IndicatorGroup(
            code: "1", title: "Цель 1",
            indicators: [
                Indicator(
                    code: "1.1", groupCode: "1", question: "Количество", type: .numeric, document: "приказ",
                    participants: .schools),
                Indicator(code: "1.2", groupCode: "1", question: "Есть ли центр?", type: .yesno, participants: .schools),
            ])
    ])

    @discardableResult
    func makeOrganization(inn: String = "7415000001", kind: OrganizationKind = .school) throws -> Int64 {
        try saveOrganization(
            Organization(
                inn: inn, kind: kind, shortName: "СОШ \(inn)", fullName: "МОУ СОШ \(inn)",
                municipality: "Миасский ГО", mouoInn: nil))
    }

    @discardableResult
    func makeContact(
        organizationID: Int64, inn: String = "7415000001", email: String = "school5@school.test",
        role: ContactRole = .respondent
    ) throws -> Int64 {
        try saveContact(Contact(organizationINN: inn, role: role, email: email), organizationID: organizationID)
    }

    func makeCatalogue() throws {
        try saveCatalogue(Self.catalogue)
    }

    /// A round for `month` asking for the whole catalogue (which must be saved).
    @discardableResult
    func makeRound(month: String = "2020-09", openedAt: Date = StoreFixture.now) throws -> Round {
        try openRound(
            month: month, deadline: month + "-25", nextDataAfter: month + "-28", indicatorCodes: ["1.1", "1.2"],
            at: openedAt)
    }

    /// An archived inbound message with distinct bytes; returns its id.
    func makeInbound(_ text: String = UUID().uuidString) throws -> Int64 {
        guard case .new(let id) = try archive(raw: Array(text.utf8), sha256: text, source: "test", at: StoreFixture.now)
        else { throw StoreError(operation: "archive a test message", message: "already archived") }
        return id
    }
}
