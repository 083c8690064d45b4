import Foundation
import Testing

@testable import IndigateXLSX

@Suite struct FormWriterTests {
    @Test func writesTheFormAndReadsItBackBlank() throws {
        let bytes = try FormWriter().write(SampleForm.spec)
        print("blank form: \(bytes.count) bytes")
        let form = try FormReader().read(bytes)
        #expect(form.sheetName == "Форма")
        #expect(form.foundNames)
        #expect(form.tokens == [SampleForm.token])
        #expect(form.inns == [SampleForm.inn])
        #expect(form.rounds == [SampleForm.round])
        #expect(form.stamps.map(\.place) == [.namedCells, .customProperties])
        #expect(form.rows.map(\.code) == ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1"])
        #expect(form.rows.map(\.row) == [7, 8, 9, 10, 11, 12])
        #expect(form.rows.allSatisfy { $0.value.value == nil && $0.whole.value == nil })
        #expect(form.rows[0].value.reference.description == "D7")
        #expect(form.rows[0].whole.reference.description == "E7")
    }

    /// The blank forms that Fixtures/make-fixtures.py fills in; written only when asked.
    @Test(.enabled(if: Fixture.updating)) func writesTheBlankFixtures() throws {
        try Fixture.write(FormWriter().write(SampleForm.spec), to: "blank-form.xlsx")
        try Fixture.write(FormWriter().write(SampleForm.otherOrganisation), to: "blank-form-other-organisation.xlsx")
        try Fixture.write(FormWriter().write(SampleForm.previousRound), to: "blank-form-previous-round.xlsx")
    }

    @Test func protectsTheSheetAndValidatesEachInput() throws {
        let bytes = try FormWriter().write(SampleForm.spec)
        let workbook = try XLSXWorkbook(bytes)
        let sheetXML = try #require(try XLSXArchive(bytes, limits: .form).read(workbook.sheets[0].part))
        let xml = String(decoding: sheetXML, as: UTF8.self)
        #expect(xml.contains("<sheetProtection"))
        #expect(!xml.contains("password"))
        #expect(xml.contains("<pane ySplit=\"6\""))
        #expect(xml.contains("<dataValidations count=\"7\">"))
        #expect(xml.contains("type=\"whole\" operator=\"greaterThanOrEqual\""))
        #expect(xml.contains("<formula1>\"Да,Нет\"</formula1>"))
        #expect(xml.contains("D10&lt;=E10"))
        // Names and properties that the reader relies on.
        let names = Dictionary(uniqueKeysWithValues: workbook.definedNames.map { ($0.name, $0.formula) })
        #expect(names["indigate_token"] == "'Форма'!$C$4")
        #expect(names["indigate_codes"] == "'Форма'!$A$7:$A$12")
        #expect(try workbook.customProperties()["indigate_token"] == SampleForm.token)
    }

    @Test func refusesValidationTextsExcelWouldCut() {
        var spec = SampleForm.spec
        spec.wording.numberMessages.inputTitle = String(repeating: "ы", count: 33)
        #expect(throws: XLSXWriteError.textTooLong(field: "numberMessages.inputTitle", limit: 32)) {
            try FormWriter().write(spec)
        }
    }

    @Test func leavesNoTemporaryFileBehind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("indigate-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = FormWriter(temporaryDirectory: folder.path)
        _ = try writer.write(SampleForm.spec)
        var spec = SampleForm.spec
        spec.sheetName = "bad/name"
        #expect(throws: XLSXWriteError.self) { try writer.write(spec) }
        _ = try TableWriter(temporaryDirectory: folder.path).write(
            sheetName: "Таблица", columns: [TableColumn(heading: "ИНН")], rows: [[.text("7701234567")]])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
