import Foundation
import IndigateCore
import IndigateMIME
import Testing

@testable import IndigateApp

/// A PDF is accepted as a document only when qpdf reads it whole and clean, it is small enough,
/// not encrypted and without active content.
@Suite struct DocumentChecksTests {
    static let school = "etkul-sosh@etkul.edu.test"

    func reply(pdf: [UInt8], installation: TestInstallation) throws -> (MessageOutcome, String) {
        let gateway = installation.gateway
        let now = TestInstallation.date("2020-09-16T06:00:00Z")
        _ = try gateway.setup.run(now: now)
        _ = try gateway.scheduler.rounds.open(
            month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: ["1"], now: now)
        let request = try #require(
            try gateway.testStore.read { try $0.letters(purpose: .request) }.first { $0.recipient == Self.school })
        let replyTo = try MessageParser().parse(request.raw).replyTo[0]
        let encoded = Data(pdf).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn])
        let raw = [
            "From: \(Self.school)", "To: \(replyTo)", "Subject: Re", "Message-ID: <doc-\(UUID())@x.test>",
            "Content-Type: multipart/mixed; boundary=X", "", "--X", "Content-Type: text/plain; charset=utf-8", "",
            "1.1: 40", "--X", "Content-Type: application/pdf; name=\"1.1 prikaz.pdf\"",
            "Content-Transfer-Encoding: base64", "", encoded, "--X--", "",
        ].joined(separator: "\r\n")
        let outcome = try gateway.intake.ingest(Array(raw.utf8), source: "test", now: now)
        let receipt = try #require(try gateway.testStore.read { try $0.letters(purpose: .receipt) }.first)
        return (outcome, try MessageParser().parse(receipt.raw).text)
    }

    @Test func anEncryptedPDFIsRefusedWithWhatToDo() throws {
        let installation = try TestInstallation()
        // Encrypted, though it opens without a password: still refused.
        let (_, receipt) = try reply(pdf: try TestInstallation.pdf("encrypted-empty-password.pdf"), installation: installation)
        #expect(receipt.contains("PDF защищён паролем"))
        #expect(try installation.gateway.admin.values(inn: "7430112855", month: "2020-09").first?.state == "saved")
        #expect(try installation.gateway.admin.status().documents == 0)
    }

    @Test func aPDFOverTheLimitIsRefused() throws {
        let installation = try TestInstallation(documentBytes: 800)
        let (_, receipt) = try reply(pdf: try TestInstallation.pdf("two-pages.pdf"), installation: installation)
        #expect(receipt.contains("не принят: файл больше"))
        #expect(try installation.gateway.admin.values(inn: "7430112855", month: "2020-09").first?.state == "saved")
    }

    @Test func aWholePDFUnderTheLimitIsKeptByItsHash() throws {
        let installation = try TestInstallation()
        let (outcome, receipt) = try reply(pdf: try TestInstallation.pdf("plain-one-page.pdf"), installation: installation)
        #expect(outcome == .applied(inboundID: 1))
        #expect(receipt.contains("«1.1 prikaz.pdf» — документ к показателю 1.1"))
        let value = try #require(try installation.gateway.admin.values(inn: "7430112855", month: "2020-09").first)
        #expect(value.state == "review" && value.document == "1.1 prikaz.pdf")
    }
}
