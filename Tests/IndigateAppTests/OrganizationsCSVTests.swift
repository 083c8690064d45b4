import Foundation
import IndigateMIME
import Testing

@testable import IndigateApp

@Suite struct OrganizationsCSVTests {
    static let header = "inn;kind;short_name;full_name;municipality;mouo_inn;role;email;contact_name;position;phone"
    static let mouo =
        "7415000001;mouo;УО Миасского ГО;Управление образования;Миасский ГО;;respondent;uo@miass.test;Иванов И. И.;специалист;+7 1"
    static let school = "7415000002;school;СОШ № 5;МОУ СОШ № 5;Миасский ГО;7415000001;respondent;s5@miass.test;;;"

    func parse(_ lines: [String]) throws(ImportError) -> OrganizationsCSV.Contents {
        try OrganizationsCSV.parse(Array(lines.joined(separator: "\n").utf8), file: "test.csv")
    }

    @Test func theRepositorySampleIsValid() throws {
        let contents = try OrganizationsCSV.load(path: TestInstallation.repository + "/config/organizations.csv")
        #expect(contents.organizations.count >= 40 + 6)
        let municipalities = Set(contents.organizations.compactMap(\.municipality))
        #expect(
            municipalities == [
                "Еткульский МР", "Каслинский МР", "Кусинский МР", "Миасский ГО", "Нязепетровский МР", "Южноуральский ГО",
            ])
        for municipality in municipalities {
            let mouo = contents.organizations.filter { $0.kind == .mouo && $0.municipality == municipality }
            #expect(mouo.count == 1)
            let roles = contents.contacts.filter { $0.organizationINN == mouo.first?.inn }.map(\.role)
            #expect(Set(roles) == [.respondent, .coordinator], "a МОУО has a respondent and a coordinator")
        }
        #expect(contents.contacts.contains { $0.role == .operator })
        #expect(contents.contacts.allSatisfy { $0.email.hasSuffix(".test") })
    }

    @Test func acceptsCommasAndABOM() throws {
        let text =
            "\u{FEFF}" + [Self.header, Self.mouo, Self.school].joined(separator: "\n").replacingOccurrences(of: ";", with: ",")
        let contents = try OrganizationsCSV.parse(Array(text.utf8), file: "comma.csv")
        #expect(contents.organizations.map(\.inn) == ["7415000001", "7415000002"])
    }

    @Test func acceptsWindows1251() throws {
        let text = [Self.header, Self.mouo, Self.school].joined(separator: "\r\n")
        let cp1251 = try #require(Self.encodeWindows1251(text))
        let contents = try OrganizationsCSV.parse(cp1251, file: "cp1251.csv")
        #expect(contents.organizations.first?.shortName == "УО Миасского ГО")
        #expect(contents.organizations.first?.municipality == "Миасский ГО")
    }

    @Test func quotedFieldsMayHoldTheSeparator() throws {
        let row = Self.school.replacingOccurrences(of: ";МОУ СОШ № 5;", with: ";\"МОУ \"\"СОШ\"\"; № 5\";")
        let contents = try parse([Self.header, Self.mouo, row])
        #expect(contents.organizations.last?.fullName == "МОУ \"СОШ\"; № 5")
    }

    @Test func reportsEveryBadRowWithItsLineAndImportsNothing() {
        let lines = [
            Self.header, Self.mouo,
            "74150000;school;СОШ;СОШ;Миасский ГО;7415000001;respondent;a@miass.test;;;",
            "7415000003;college;СОШ;СОШ;Миасский ГО;7415000001;respondent;b@miass.test;;;",
            "7415000004;school;СОШ;СОШ;Миасский ГО;7415000001;boss;c@miass.test;;;",
            "7415000005;school;СОШ;СОШ;Миасский ГО;7415000001;respondent;not-an-address;;;",
            "7415000006;school;СОШ;СОШ;Миасский ГО;7415000001;respondent;uo@miass.test;;;",
            "7415000007;school;СОШ;СОШ;;7415000001;respondent;d@miass.test;;;",
            "7415000008;school;СОШ;СОШ;Миасский ГО;9999999999;respondent;e@miass.test;;;",
            "too;few;fields",
        ]
        do {
            _ = try parse(lines)
            Issue.record("a file with errors was imported")
        } catch {
            let problems = error.problems.joined(separator: "\n")
            #expect(problems.contains("line 3: inn '74150000'"))
            #expect(problems.contains("line 4: kind 'college'"))
            #expect(problems.contains("line 5: role 'boss'"))
            #expect(problems.contains("line 6: email 'not-an-address'"))
            #expect(problems.contains("line 7: email uo@miass.test already on line 2"))
            #expect(problems.contains("line 8: a school needs its municipality"))
            #expect(problems.contains("line 9: mouo_inn 9999999999 is not a МОУО"))
            #expect(problems.contains("line 10: 3 fields"))
        }
    }

    @Test func aWrongHeaderIsRefused() {
        #expect(throws: ImportError.self) { try parse(["inn;name", Self.mouo]) }
    }

    static func encodeWindows1251(_ text: String) -> [UInt8]? {
        // Cyrillic А..я map to 0xC0..0xFF in windows-1251; Ё/ё to 0xA8/0xB8; № to 0xB9.
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x80: bytes.append(UInt8(scalar.value))
            case 0x410...0x44F: bytes.append(UInt8(scalar.value - 0x410 + 0xC0))
            case 0x401: bytes.append(0xA8)
            case 0x451: bytes.append(0xB8)
            case 0x2116: bytes.append(0xB9)
            default: return nil
            }
        }
        return bytes
    }
}
