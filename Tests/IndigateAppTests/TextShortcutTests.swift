import Foundation
import IndigateCore
import Testing

@testable import IndigateApp

/// The text scans that skip work by bytes give the answers of the plain way, kept here as the
/// reference, on random texts made of the pieces that matter: request words and address lines,
/// digits, `@`, blank lines of spaces and tabs, no-break spaces, Cyrillic, and line breaks.
@Suite struct TextShortcutTests {
    static let pieces = [
        "статус", "СТАТУС", " status ", "Каталог", "\u{00A0}статус\u{00A0}", "статус1", "АДРЕС", "адрес:", "ADDRESS",
        "7430112855", "new@school.test", "<x@y.test>", "@", "1.5: 12", "2.6: 45 из 300", " ", "  ", "\t", "\u{00A0}",
        "Здравствуйте", "г. Еткуль", "\n", "\n", "\n", "\r\n", "\n\n", " \n", "\t\n", "é", "e\u{0301}",
    ]

    static func randomText(_ generator: inout some RandomNumberGenerator) -> String {
        (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
            .joined(separator: Bool.random(using: &generator) ? " " : "")
    }

    /// `Templates.tidy` as it was: split into lines, blank ones dropped at the start and after
    /// another, trailing ones dropped, joined.
    static func tidyReference(_ text: String) -> String {
        var lines: [Substring] = []
        for bytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let isBlank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if isBlank && (lines.isEmpty || lines.last!.isEmpty) { continue }
            lines.append(isBlank ? "" : Substring(bytes))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `RequestWord.written` without its test for digits.
    static func requestWordsReference(_ text: String) -> Set<String> {
        var words: Set<String> = []
        for line in text.lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.utf8.count <= RequestWord.longestLine else { continue }
            let word = trimmed.lowercased()
            if RequestWord.catalogue.contains(word) || RequestWord.status.contains(word) { words.insert(word) }
        }
        return words
    }

    @Test func tidyingByBytesMatchesTidyingByLines() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = Self.randomText(&generator)
            #expect(Templates.tidy(text) == Self.tidyReference(text), "\(Array(text.utf8))")
        }
        #expect(Templates.tidy("") == "\n")
        #expect(Templates.tidy(" \n\nА\n \n\t\nБ\n\n") == "А\n\nБ\n")
    }

    @Test func skippingLinesWithDigitsFindsTheSameRequestWords() {
        var generator = SystemRandomNumberGenerator()
        var found = 0
        for _ in 0..<5_000 {
            let text = Self.randomText(&generator)
            let words = RequestWord.written(in: text)
            #expect(words == Self.requestWordsReference(text), "\(Array(text.utf8))")
            found += words.count
        }
        #expect(found > 0, "the random texts hold request words")
        #expect(RequestWord.written(in: "1.5: 12\n  СТАТУС \nстатус 2") == ["статус"])
    }

    @Test func anAddressRequestIsFoundOnlyOnALineWithAnAt() {
        #expect(
            AddressRequest.read("1.5: 12\nАдрес: г. Еткуль, ул. Ленина, 1\nАДРЕС new@school.test")?.email == "new@school.test")
        #expect(AddressRequest.read("АДРЕС 7430112855 <New@School.test>")?.inn == "7430112855")
        #expect(AddressRequest.read("АДРЕС 7430112855 <New@School.test>")?.email == "new@school.test")
        #expect(AddressRequest.read("Адрес: г. Еткуль, ул. Ленина, 1") == nil)
        #expect(AddressRequest.read("адрес школы — ниже\nАДРЕС нет") == nil)
    }
}

/// The data table's day and time, split by bytes, as `components(separatedBy:)` splits them.
@Suite struct DayAndTimeTests {
    static let pieces = ["-", " ", " - ", "01.09.2020", "10:00:00", "д", "--", "  ", "–"]

    @Test func splittingByBytesMatchesFoundation() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }
                .joined()
            let parts = text.components(separatedBy: " - ")
            let split = DataReportTable.dayAndTime(text)
            #expect(split.day == parts[0] && split.time == (parts.count > 1 ? parts[1] : ""), "«\(text)»")
        }
        #expect(DataReportTable.dayAndTime("11.09.2020 - 09:10:00") == ("11.09.2020", "09:10:00"))
        #expect(DataReportTable.dayAndTime("") == ("", ""))
    }
}
