import IndigateCore
import Foundation
import Testing

/// The PDF fixtures beside this file (see Fixtures/README.md), read from the source tree.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The bytes of fixture `name`; a missing fixture is an issue of the test that asked.
    static func bytes(_ name: String) -> [UInt8] {
        do {
            return try Array(Data(contentsOf: directory.appendingPathComponent(name)))
        } catch {
            Issue.record("fixture \(name): \(error)")
            return []
        }
    }
}
