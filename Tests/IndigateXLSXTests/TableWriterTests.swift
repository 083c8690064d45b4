import Foundation
import Testing

@testable import IndigateXLSX

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct TableWriterTests {
    static let columns = [
        "ИНН", "Организация", "Муниципалитет", "Код", "Показатель", "Период", "Значение", "Часть", "Целое", "Доля",
        "Дата ответа", "Статус",
    ].map { TableColumn(heading: $0) }

    /// Row `index` of a digest: 2,300 organisations × 14 indicators, realistic Russian text.
    static func row(_ index: Int) -> [TableCell] {
        let organisation = index / 14
        let indicator = index % 14
        let part = (index * 37) % 400
        let whole = part + (index * 11) % 50 + 1
        return [
            .text(String(7_701_000_000 + organisation)),
            .text("МБОУ «Средняя общеобразовательная школа № \(organisation + 1)» городского округа Примерный"),
            .text(["Северный район", "Южный муниципальный округ", "Город Примерный"][organisation % 3]),
            .text("\(indicator / 5 + 1).\(indicator % 5 + 1)"),
            .text("Доля обучающихся, охваченных горячим питанием, по показателю № \(indicator + 1)"),
            .text("2026-11"),
            indicator % 4 == 0 ? .empty : .integer(part),
            .integer(part),
            .integer(whole),
            .decimal(Double(part) / Double(whole)),
            .date(year: 2026, month: 12, day: 1 + index % 9),
            .text(["принято", "ждёт проверки", "нет ответа"][index % 3]),
        ]
    }

    static let rowCount = 32_200

    @Test func writesThirtyTwoThousandRowsAndReadsThemBack() throws {
        let baseline = Self.peakResidentKilobytes()
        let started = Date()
        let rows = (0..<Self.rowCount).lazy.map(Self.row)
        let bytes = try TableWriter().write(sheetName: "Сводка", columns: Self.columns, rows: rows)
        let written = Date()
        print(
            "table \(Self.rowCount)×\(Self.columns.count): \(bytes.count) bytes in \(written.timeIntervalSince(started)) s;"
                + " peak RSS \(baseline) KB before, \(Self.peakResidentKilobytes()) KB after writing")
        let workbook = try XLSXWorkbook(bytes, limits: .table)
        let sheet = try workbook.worksheet(try #require(workbook.sheets.first))
        print("read back in \(Date().timeIntervalSince(written)) s: \(sheet.cells.count) cells")
        #expect(sheet.name == "Сводка")
        #expect(sheet.row(1).map(\.1.text) == Self.columns.map(\.heading))
        let emptyValues = (0..<Self.rowCount).filter { $0 % 14 % 4 == 0 }.count
        #expect(sheet.cells.count == (Self.rowCount + 1) * Self.columns.count - emptyValues)
        for index in [0, 1, 13, 14, 15_000, Self.rowCount - 1] {
            let cells = sheet.row(index + 2)
            let expected = Self.row(index)
            let texts = expected.compactMap { cell -> String? in
                switch cell {
                case .text(let text): text
                case .integer(let value): String(value)
                case .decimal(let value): value.description
                case .date(let year, let month, let day): Self.serial(year, month, day)
                case .empty: nil
                }
            }
            #expect(cells.map(\.1.text).map { Self.shortened($0) } == texts.map { Self.shortened($0) }, "row \(index + 2)")
        }
    }

    /// A column is as wide as its longest line in characters (Cyrillic counts one each, not its
    /// two bytes), at least 8 and at most 60 with a margin of two.
    @Test func widthsCountCharactersOfTheLongestLine() {
        #expect(TableWriter.width(of: "") == 8)
        #expect(TableWriter.width(of: "Еткульская средняя школа") == 26)
        #expect(TableWriter.width(of: "короткая\nстрока подлиннее всех\nи") == 23)
        #expect(TableWriter.width(of: String(repeating: "ж", count: 100)) == 102, "capped later, when the column is set")
    }

    @Test func headerIsBoldFrozenAndFiltered() throws {
        let bytes = try TableWriter().write(
            sheetName: "Сводка", columns: Self.columns, rows: [Self.row(0), Self.row(1)])
        let workbook = try XLSXWorkbook(bytes, limits: .table)
        let xml = String(
            decoding: try #require(try XLSXArchive(bytes, limits: .table).read(workbook.sheets[0].part)), as: UTF8.self)
        #expect(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\""))
        #expect(xml.contains("<autoFilter ref=\"A1:L3\"/>"))
        #expect(xml.contains("<col min=\"2\" max=\"2\" width=\"60.7109375\" customWidth=\"1\"/>"))
        #expect(workbook.definedNames.contains { $0.name == "_xlnm._FilterDatabase" })
        let sheet = try workbook.worksheet(workbook.sheets[0])
        #expect(sheet.cells[CellReference(row: 2, column: 11)]?.text == "46357")
    }

    /// Excel's serial number of a date (days since 1899-12-30).
    static func serial(_ year: Int, _ month: Int, _ day: Int) -> String {
        let calendar = Calendar(identifier: .gregorian)
        let utc = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(timeZone: utc, year: 1899, month: 12, day: 30))!
        let date = calendar.date(from: DateComponents(timeZone: utc, year: year, month: month, day: day))!
        return String(Int(date.timeIntervalSince(start) / 86_400))
    }

    /// Numbers as the file stores them may carry more digits than Swift prints: compare 12 of them.
    static func shortened(_ text: String) -> String {
        guard let value = Double(text), text.contains(".") else { return text }
        return String(format: "%.12g", value)
    }

    static func peakResidentKilobytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
    }
}
