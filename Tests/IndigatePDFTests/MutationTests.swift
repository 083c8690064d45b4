import IndigateCore
import IndigatePDF
import Testing

/// Hostile bytes never crash, hang or print: 1,000 seeded mutations of each of two fixtures.
@Suite struct MutationTests {
    /// SplitMix64: a small deterministic generator, so a failure reproduces.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// One to four edits: flipped bytes, a deleted or duplicated run, a cut, or inserted PDF tokens.
    static func mutate(_ original: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = original
        let tokens = [
            "obj", "endobj", " R ", "<<", ">>", "[", "]", "stream\n", "endstream", "/JS", "%%EOF", "xref", "0 0 R", "9999999999",
        ]
        for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &random)))
            case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + Int.random(in: 1...64, using: &random))], at: at)
            case 3: bytes.removeSubrange(at...)
            default: bytes.insert(contentsOf: tokens.randomElement(using: &random)!.utf8, at: at)
            }
        }
        return bytes
    }

    @Test(arguments: ["openaction-javascript.pdf", "javascript-in-object-stream.pdf"])
    func mutationsNeverCrash(fixture: String) {
        let original = Fixture.bytes(fixture)
        var random = SeededGenerator(state: 20_200_901)
        var problems: [PDFProblem?: Int] = [:]
        for _ in 0..<1_000 {
            let inspection = PDFInspector.inspect(Self.mutate(original, using: &random))
            problems[inspection.problem, default: 0] += 1
            // What holds for every inspection, whatever the bytes.
            #expect(inspection.active == Array(Set(inspection.active)).sorted())
            if inspection.problem == .notPDF { #expect(inspection.pages == nil && inspection.active.isEmpty) }
            if inspection.problem == .encrypted { #expect(inspection.encrypted && inspection.pages == nil) }
            if inspection.problem == nil { #expect(inspection.pages != nil) }
        }
        print("\(fixture): 1,000 mutations →", problems.map { "\($0.key.map(\.rawValue) ?? "readable"): \($0.value)" }.sorted())
    }
}
