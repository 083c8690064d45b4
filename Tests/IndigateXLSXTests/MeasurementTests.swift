import Foundation
import Testing

@testable import IndigateXLSX

/// Figures for the record, printed: the size of a form of 14 indicators, and how long reading a
/// filled form takes (in whatever build the tests run: debug by default).
@Suite struct MeasurementTests {
    @Test func formOfFourteenIndicators() throws {
        var spec = SampleForm.spec
        spec.indicators = (0..<14).map { index in
            var indicator = SampleForm.indicators[index % SampleForm.indicators.count]
            indicator.code = "\(index / 5 + 1).\(index % 5 + 1)"
            return indicator
        }
        let bytes = try FormWriter().write(spec)
        print("form of 14 indicators: \(bytes.count) bytes")
        #expect(bytes.count < 16_384)
        #expect(try FormReader().read(bytes).rows.count == 14)
    }

    @Test func readingAFilledForm() throws {
        let bytes = Fixture.bytes("libreoffice-filled.xlsx")
        let rounds = 50
        let started = Date()
        for _ in 0..<rounds { _ = try FormReader().read(bytes) }
        let each = Date().timeIntervalSince(started) / Double(rounds) * 1_000
        print("reading libreoffice-filled.xlsx (\(bytes.count) bytes): \(String(format: "%.2f", each)) ms each")
    }
}
