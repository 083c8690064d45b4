import Foundation
import IndigateCore
import IndigateMIME
import IndigateXLSX
import Testing

@testable import IndigateApp

/// The Excel form: each request letter carries one made for its organisation; a reply with the
/// form filled in (by openpyxl, and saved again by LibreOffice Calc, as a clerk's spreadsheet
/// would save it) is read like the text grammar, cell by cell, beside the values typed in the body.
@Suite struct FormReplyTests {
    static let school = ValueModelTests.school
    static let inn = ValueModelTests.inn
    static let otherSchool = "koelga-sosh@etkul.edu.test"

    static func form(of letter: ParsedMessage) throws -> ParsedMessage.Attachment {
        try #require(letter.attachments.first { $0.fileName.hasSuffix(".xlsx") })
    }

    /// The form filled with openpyxl: `answers` as `CODE=VALUE[;WHOLE]`, `#12` a number cell.
    static func fill(_ form: [UInt8], _ answers: [String]) throws -> [UInt8] {
        let directory = ScratchFolders.path("indigate-form")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(form).write(to: URL(fileURLWithPath: directory + "/blank.xlsx"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments =
            [TestInstallation.fixtures + "/forms/fill-form.py", directory + "/blank.xlsx", directory + "/filled.xlsx"] + answers
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "openpyxl could not fill the form (python3-openpyxl installed?)")
        return Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/filled.xlsx")))
    }

    /// The form saved again by LibreOffice Calc (headless, a profile of its own): through
    /// OpenDocument and back to .xlsx when `viaODS`, as a clerk who keeps their files in .ods
    /// would send it. LibreOffice computes formulas and writes their results into the cells.
    static func resave(_ xlsx: [UInt8], viaODS: Bool) throws -> [UInt8] {
        let directory = ScratchFolders.path("indigate-lo")
        try FileManager.default.createDirectory(atPath: directory + "/out", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(xlsx).write(to: URL(fileURLWithPath: directory + "/form.xlsx"))
        func convert(_ file: String, to format: String, into folder: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
            process.arguments = [
                "-env:UserInstallation=file://\(directory)/profile", "--headless", "--norestore", "--convert-to", format,
                "--outdir", folder, file,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "LibreOffice could not convert \(file) to \(format)")
        }
        if viaODS {
            try convert(directory + "/form.xlsx", to: "ods", into: directory)
            try convert(directory + "/form.ods", to: "xlsx:Calc MS Excel 2007 XML", into: directory + "/out")
        } else {
            try convert(directory + "/form.xlsx", to: "xlsx:Calc MS Excel 2007 XML", into: directory + "/out")
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/out/form.xlsx")))
    }

    /// A reply from `from` to its letter, with `body` and `form` attached as Excel would send it.
    static func reply(
        _ round: RoundScenario, from: String, to: String? = nil, body: String, form: [UInt8], name: String, id: String
    ) -> [UInt8] {
        let raw = [
            "From: \(from)", "To: \(to ?? round.replyTo[from]!)", "Subject: Re: мониторинг", "Message-ID: <\(id)@school.test>",
            "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=B", "", "--B",
            "Content-Type: text/plain; charset=utf-8", "", body, "", "> \(ReplyText.marker)", "--B",
            "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Content-Disposition: attachment; filename*=UTF-8''\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
            "Content-Transfer-Encoding: base64", "",
            Data(form).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]),
            "--B--", "",
        ].joined(separator: "\r\n")
        return Array(raw.utf8)
    }

    @Test func theRequestLetterCarriesTheOrganisationsFormWithItsToken() throws {
        let round = try ValueModelTests().september()
        let letter = try #require(try round.installation.sentLetters().first { $0.parsed.recipients == [Self.school] }).parsed
        let attachment = try Self.form(of: letter)
        #expect(attachment.fileName == "Форма ИНН \(Self.inn) 2020-09.xlsx")
        #expect(attachment.contentType == RequestForm.contentType)
        let form = try FormReader().read(attachment.bytes)
        let replyTo = try #require(letter.replyTo.first)
        let token = try #require(replyTo.split(separator: "@").first?.split(separator: "+").last.map(String.init))
        #expect(form.tokens.map { $0.lowercased() } == [token] && form.inns == [Self.inn] && form.rounds == ["2020-09"])
        // The organisation's own indicators, in the letter's order, and nothing else.
        #expect(
            form.rows.map(\.code) == ["1.1", "1.2", "1.3", "1.4", "1.5", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "3.1"])
        #expect(letter.text.contains("К письму приложена форма для вашей организации"))
    }

    @Test func aFilledFormIsReadCellByCellBesideTheBody() throws {
        let round = try ValueModelTests().september()
        let letter = try #require(try round.installation.sentLetters().first { $0.parsed.recipients == [Self.school] }).parsed
        let blank = try Self.form(of: letter)
        let filled = try Self.fill(
            blank.bytes, ["2.3=#12", "2.4=1\u{00A0}234", "2.6=#45;#300", "2.8=двенадцать", "3.1=#7"])
        let outcome = try round.gateway.intake.ingest(
            Self.reply(round, from: Self.school, body: "2.2: 3\n3.1: 8", form: filled, name: blank.fileName, id: "form1"),
            source: "test", now: round.at("2020-09-11 09:00"))
        _ = outcome
        let values = try round.values(Self.inn)
        #expect(values["2.3"]?.value == "12")
        #expect(values["2.4"]?.value == "1234")
        #expect(values["2.6"]?.value.contains("45") == true)
        #expect(values["2.2"]?.value == "3")
        // 3.1 is in the body and in the form: the school must say which.
        #expect(values["3.1"] == nil)
        #expect(values["2.8"] == nil)
        let receipt = try #require(try round.flush(round.at("2020-09-11 09:01")).first { $0.parsed.recipients == [Self.school] })
        let text = receipt.parsed.text
        #expect(try Golden.check(text, "receipt-excel-form.txt"))
        #expect(text.contains("строка"))
    }

    /// Saved by LibreOffice Calc, once straight and once through .ods: a formula's cached
    /// result, numbers stored as text with a no-break space, a percentage's two cells and a
    /// value in merged cells are read as the clerk sees them.
    @Test(arguments: [false, true]) func aFormSavedByLibreOfficeIsRead(viaODS: Bool) throws {
        let round = try ValueModelTests().september()
        let letter = try #require(try round.installation.sentLetters().first { $0.parsed.recipients == [Self.school] }).parsed
        let blank = try Self.form(of: letter)
        let filled = try Self.fill(
            blank.bytes, ["1.5==5+7", "2.3=#4", "2.4=1\u{00A0}234", "2.6=#45;#300", "2.8=#3", "merge:2.8"])
        let saved = try Self.resave(filled, viaODS: viaODS)
        #expect(saved != filled, "LibreOffice wrote its own file")
        _ = try round.gateway.intake.ingest(
            Self.reply(round, from: Self.school, body: "Заполнено в LibreOffice", form: saved, name: blank.fileName, id: "lo"),
            source: "test", now: round.at("2020-09-11 09:00"))
        let values = try round.values(Self.inn)
        #expect(values["1.5"]?.number == 12, "the formula's result, cached by LibreOffice")
        #expect(values["2.3"]?.number == 4)
        #expect(values["2.4"]?.number == 1234)
        #expect(values["2.6"]?.part == 45 && values["2.6"]?.whole == 300)
        #expect(values["2.8"]?.number == 3, "the value of merged cells")
        let receipt = try #require(try round.flush(round.at("2020-09-11 09:01")).first { $0.parsed.recipients == [Self.school] })
        #expect(!receipt.parsed.text.contains("ошибка"), "\(receipt.parsed.text)")
    }

    @Test func aFormOfAnotherOrganisationOrRoundIsNotRead() throws {
        let round = try ValueModelTests().september()
        let letters = try round.installation.sentLetters()
        let other = try #require(letters.first { $0.parsed.recipients == [Self.otherSchool] }).parsed
        let theirs = try Self.fill(try Self.form(of: other).bytes, ["2.3=#99"])
        _ = try round.gateway.intake.ingest(
            Self.reply(round, from: Self.school, body: "", form: theirs, name: "форма.xlsx", id: "form2"),
            source: "test", now: round.at("2020-09-11 09:00"))
        #expect(try round.values(Self.inn)["2.3"] == nil)
        let receipt = try #require(try round.flush(round.at("2020-09-11 09:01")).first { $0.parsed.recipients == [Self.school] })
        #expect(receipt.parsed.text.contains("«форма.xlsx» — не принят: это форма другой организации (ИНН"))

        // Not a workbook at all, though named like one (the next day: a reply that records
        // nothing is answered once a day).
        _ = try round.gateway.intake.ingest(
            Self.reply(
                round, from: Self.school, body: "", form: Array("PK\u{3}\u{4}broken".utf8), name: "форма.xlsx", id: "form3"),
            source: "test", now: round.at("2020-09-12 10:00"))
        let second = try #require(try round.flush(round.at("2020-09-12 10:01")).first { $0.parsed.recipients == [Self.school] })
        #expect(second.parsed.text.contains("«форма.xlsx» — не принят: файл не удалось прочитать как форму запроса"))
    }

    /// A new message (not a reply) to the gateway's plain address with the form attached: the
    /// form's token ties it to the organisation, and the From check still applies.
    @Test func aFormInANewMessageIsTiedToItsOrganisationByItsToken() throws {
        let round = try ValueModelTests().september()
        let letter = try #require(try round.installation.sentLetters().first { $0.parsed.recipients == [Self.school] }).parsed
        let filled = try Self.fill(try Self.form(of: letter).bytes, ["2.3=#21"])
        let gateway = "monitoring@rcokio.test"
        _ = try round.gateway.intake.ingest(
            Self.reply(
                round, from: Self.school, to: gateway, body: "Форма во вложении.", form: filled, name: "форма.xlsx", id: "new1"),
            source: "test", now: round.at("2020-09-11 09:00"))
        #expect(try round.values(Self.inn)["2.3"]?.value == "21")

        // The same form from another school's mailbox is not taken as this school's.
        _ = try round.gateway.intake.ingest(
            Self.reply(
                round, from: Self.otherSchool, to: gateway, body: "",
                form: try Self.fill(try Self.form(of: letter).bytes, ["2.3=#99"]), name: "форма.xlsx", id: "new2"),
            source: "test", now: round.at("2020-09-11 10:00"))
        #expect(try round.values(Self.inn)["2.3"]?.value == "21")
        #expect(try round.gateway.admin.quarantineEntries(all: true).count == 1)
    }
}
