import Foundation
import Testing

@testable import IndigateMIME

/// Attachments are decoded straight into their arrays: every transfer encoding gives back the
/// exact bytes, whatever they are (all 256 values, CRLF and lone LF inside, sizes around the
/// 64 KB read chunk).
@Suite struct PartDecodingTests {
    static func message(_ encoding: String, _ body: String) -> [UInt8] {
        Array(
            [
                "From: a@b.test", "To: c@d.test", "Subject: t", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=XYZ", "", "--XYZ", "Content-Type: text/plain", "", "1.1: 5",
                "--XYZ", "Content-Type: application/octet-stream; name=a.bin", "Content-Disposition: attachment; filename=a.bin",
                "Content-Transfer-Encoding: \(encoding)", "", body, "--XYZ--", "",
            ].joined(separator: "\r\n").utf8)
    }

    static func quotedPrintable(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        var line = ""
        for byte in bytes {
            let piece = (33...126).contains(byte) && byte != 61 ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
            if line.count + piece.count > 72 {
                lines.append(line + "=")
                line = ""
            }
            line += piece
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    @Test(arguments: [0, 1, 2, 3, 65_535, 65_536, 200_001])
    func everyEncodingGivesBackTheBytes(size: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let parser = MessageParser(limits: MIMELimits())
        let base64 = Data(bytes).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        for (encoding, body) in [("base64", base64), ("quoted-printable", Self.quotedPrintable(bytes))] {
            let parsed = try parser.parse(Self.message(encoding, body))
            #expect(parsed.attachments.first?.bytes == bytes, "\(encoding), \(size) bytes")
        }
        // 8bit text as it is (the line break before the boundary belongs to the boundary).
        let text = String(repeating: "Строка значения 1.1: 5\r\n", count: max(1, size / 40))
        let plain = try parser.parse(Self.message("8bit", text))
        #expect(plain.attachments.first?.bytes == Array(text.utf8))
    }
}
