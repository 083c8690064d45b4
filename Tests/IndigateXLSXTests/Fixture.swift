import Foundation
import Testing

/// The `.xlsx` fixtures beside this file (see Fixtures/README.md), read from the source tree.
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

    /// Whether fixtures made by the tests should be written anew (`INDIGATE_UPDATE_FIXTURES=1`).
    static var updating: Bool { ProcessInfo.processInfo.environment["INDIGATE_UPDATE_FIXTURES"] == "1" }

    static func write(_ bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }
}
