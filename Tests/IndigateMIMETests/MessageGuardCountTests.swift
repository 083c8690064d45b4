import Testing

@testable import IndigateMIME

/// The guard's two byte counters, which run over every byte of every message (memchr-based),
/// against the plain definitions on random inputs made of the bytes that matter.
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
                MessageGuard.countBoundaryLines(raw, limit: .max) == Self.lines(raw), "\(String(decoding: raw, as: UTF8.self))")
            #expect(MessageGuard.countBoundaryParameters(raw, limit: .max) == Self.parameters(raw))
        }
        #expect(MessageGuard.countBoundaryLines(Array("--a\n--b\n--c".utf8), limit: 1) == 2, "stops past the limit")
        #expect(MessageGuard.countBoundaryLines([], limit: 5) == 0 && MessageGuard.countBoundaryParameters([], limit: 5) == 0)
    }
}
