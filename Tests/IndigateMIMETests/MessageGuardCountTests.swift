import Testing

@testable import IndigateMIME

/// The guard's two byte counters, which run over every byte of every message (memchr-based),
/// against the plain definitions on random inputs made of the bytes that matter, and the limit
/// on lines that start with `--` over the whole message, header block and body.
@Suite struct MessageGuardCountTests {
    static func lines(_ raw: [UInt8]) -> Int {
        var count = 0
        var lineStart = true
        for (index, byte) in raw.enumerated() {
            if lineStart, byte == 0x2D, index + 1 < raw.count, raw[index + 1] == 0x2D { count += 1 }
            lineStart = byte == 0x0A
        }
        return count
    }

    static func parameters(_ raw: [UInt8]) -> Int {
        let needle = Array("boundary=".utf8)
        var count = 0
        var index = 0
        while index + needle.count <= raw.count {
            if (0..<needle.count).allSatisfy({ raw[index + $0] == needle[$0] || raw[index + $0] == needle[$0] - 0x20 }) {
                count += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return count
    }

    @Test func theCountersAgreeWithTheirDefinitions() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = ["--", "-", "\n", "\r\n", "boundary=", "BOUNDARY=", "Boundary", "=", "x", "ary=", "\n--"].map {
            Array($0.utf8)
        }
        for _ in 0..<2_000 {
            var raw: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                raw += pieces.randomElement(using: &generator)!
            }
            #expect(
                (try? MessageGuard.scanBody(raw, from: 0, limits: MIMELimits())) == Self.lines(raw),
                "\(String(decoding: raw, as: UTF8.self))")
            #expect(MessageGuard.countBoundaryParameters(raw, limit: .max) == Self.parameters(raw))
        }
        #expect((try? MessageGuard.scanBody([], from: 0, limits: MIMELimits())) == 0)
        #expect(MessageGuard.countBoundaryParameters([], limit: 5) == 0)
    }

    /// `--` lines are counted in the header block and the body together, against `boundaryLines`.
    @Test func dashLinesAreCountedOverTheWholeMessage() throws {
        let limits = MIMELimits(boundaryLines: 4)
        func message(headerDashes: Int, bodyDashes: Int) -> [UInt8] {
            let header = "From: a@b.ru\r\n" + String(repeating: "X-A: 1\r\n--folded\r\n", count: headerDashes)
            return Array((header + "\r\n" + String(repeating: "--x\r\ntext\r\n", count: bodyDashes)).utf8)
        }
        #expect(throws: Never.self) { try MessageGuard.check(message(headerDashes: 2, bodyDashes: 2), limits: limits) }
        #expect(throws: MIMEError.tooManyParts) {
            try MessageGuard.check(message(headerDashes: 2, bodyDashes: 3), limits: limits)
        }
        #expect(throws: MIMEError.tooManyParts) {
            try MessageGuard.check(message(headerDashes: 5, bodyDashes: 0), limits: limits)
        }
        #expect(throws: MIMEError.tooManyParts) {
            try MessageGuard.check(message(headerDashes: 0, bodyDashes: 5), limits: limits)
        }
    }
}
