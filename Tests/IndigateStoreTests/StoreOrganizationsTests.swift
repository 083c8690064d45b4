import Foundation
import IndigateCore
import IndigateStore
import Testing

@Suite struct StoreOrganizationsTests {
    let fixture: StoreFixture
    let organizationID: Int64

    init() throws {
        fixture = try StoreFixture()
        organizationID = try fixture.store.write { try $0.makeOrganization() }
    }

    func save(_ contact: Contact) throws -> Int64 {
        try fixture.store.write { [organizationID] in try $0.saveContact(contact, organizationID: organizationID) }
    }

    func stored(_ id: Int64) throws -> StoredContact {
        try #require(try fixture.store.read { try $0.contact(id: id) })
    }

    @Test func updatesAnOrganisationByINN() throws {
        var school = Organization(
            inn: "7415000001", kind: .school, shortName: "СОШ № 5", fullName: "МОУ СОШ № 5", municipality: nil,
            mouoInn: "7415000100")
        let id = try fixture.store.write { try $0.saveOrganization(school) }
        #expect(id == organizationID)
        school.shortName = "Школа № 5"
        try fixture.store.write { _ = try $0.saveOrganization(school) }
        let stored = try #require(try fixture.store.read { try $0.organization(inn: "7415000001") })
        #expect(stored.id == id)
        #expect(stored.organization == school)
        #expect(try fixture.store.read { try $0.allOrganizations() }.count == 1)
    }

    @Test func updatesAContactByAddressWhateverItsCase() throws {
        let first = try save(Contact(organizationINN: "7415000001", role: .respondent, email: "Ivanova@School.test"))
        var again = Contact(organizationINN: "7415000001", role: .coordinator, email: "")
        again.email = "IVANOVA@SCHOOL.TEST"
        let second = try save(again)
        #expect(second == first)
        #expect(try stored(first).contact.role == .coordinator)
        #expect(try stored(first).contact.email == "ivanova@school.test")
        #expect(try fixture.store.read { try $0.status() }.contacts == ["coordinator": 1])
        #expect(try fixture.store.read { try $0.contact(email: "IVANOVA@school.TEST") }?.id == first)
    }

    @Test func keepsPersonDetailsWhenTheNewRowLeavesThemEmpty() throws {
        let id = try save(
            Contact(
                organizationINN: "7415000001", role: .respondent, email: "ivanova@school.test",
                personName: "Иванова Анна Петровна", position: "завуч", phone: "+7 912 345-67-89"))
        _ = try save(Contact(organizationINN: "7415000001", role: .respondent, email: "IVANOVA@school.test"))
        let contact = try stored(id).contact
        #expect(contact.personName == "Иванова Анна Петровна")
        #expect(contact.position == "завуч")
        #expect(contact.phone == "+7 912 345-67-89")
    }

    @Test func replacesPersonDetailsTheNewRowGives() throws {
        let id = try save(
            Contact(
                organizationINN: "7415000001", role: .respondent, email: "ivanova@school.test",
                personName: "Иванова Анна Петровна", position: "завуч"))
        _ = try save(
            Contact(organizationINN: "7415000001", role: .respondent, email: "ivanova@school.test", position: "директор"))
        let contact = try stored(id).contact
        #expect(contact.personName == "Иванова Анна Петровна")
        #expect(contact.position == "директор")
    }

    @Test func updatesOneDetailFromAReply() throws {
        let id = try save(Contact(organizationINN: "7415000001", role: .respondent, email: "ivanova@school.test"))
        try fixture.store.write { try $0.updateContactDetail(contactID: id, field: .phone, value: "+7 912 000-00-00") }
        let contact = try stored(id)
        #expect(contact.contact.phone == "+7 912 000-00-00")
        #expect(contact.contact.personName == "")
        #expect(contact.organizationID == organizationID)
        #expect(!contact.failing)
    }

    @Test func listsContactsByRole() throws {
        _ = try save(Contact(organizationINN: "7415000001", role: .respondent, email: "a@school.test"))
        _ = try save(Contact(organizationINN: "7415000001", role: .operator, email: "b@minobr.test"))
        _ = try save(Contact(organizationINN: "7415000001", role: .respondent, email: "c@school.test"))
        let respondents = try fixture.store.read { try $0.contacts(role: .respondent) }
        #expect(respondents.map(\.contact.email) == ["a@school.test", "c@school.test"])
        #expect(respondents.allSatisfy { $0.contact.organizationINN == "7415000001" })
    }

    @Test func refusesAContactOfANonExistentOrganisation() throws {
        #expect(throws: StoreError.self) {
            try fixture.store.write {
                try $0.saveContact(
                    Contact(organizationINN: "0000000000", role: .respondent, email: "x@y.test"), organizationID: 999)
            }
        }
        #expect(try fixture.store.read { try $0.contacts(role: .respondent) }.isEmpty)
    }
}
