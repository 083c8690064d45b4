import Foundation
import Testing

@testable import IndigateXLSX

/// Every filled form of Fixtures/ (made by real openpyxl and LibreOffice, see make-fixtures.py)
/// reads as its NAME.json beside it says.
@Suite struct FormFixtureTests {
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Fixture.directory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test func thereAreFixtures() {
        #expect(Self.names.count >= 14)
    }

    @Test(arguments: names) func readsAsExpected(_ name: String) throws {
        let expectedData = try Data(contentsOf: Fixture.directory.appendingPathComponent(name + ".json"))
        let expected = try JSONDecoder().decode(ExpectedForm.self, from: expectedData)
        let form = try FormReader().read(Fixture.bytes(name + ".xlsx"))
        let actual = ExpectedForm(form)
        #expect(actual == expected, "\(name)\nexpected:\n\(expected)\nactual:\n\(actual)")
    }
}
