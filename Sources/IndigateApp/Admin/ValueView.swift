import Foundation
import IndigateCore
import IndigateStore

/// One value version for `values --json`.
package struct ValueView: Sendable, Codable, Equatable {
    /// The version's id: the number operators accept or reject.
    package var id: Int64
    package var inn: String
    package var organization: String
    package var round: String
    package var indicator: String
    package var state: String
    package var value: String
    package var number: Int?
    package var yes: Bool?
    package var part: Int?
    package var whole: Int?
    package var percent: Double?
    package var document: String?
    package var submittedAt: String
    package var late: Bool
    package var decidedAt: String?
    package var resolution: String?
    /// The newer version that replaced this one, if any.
    package var supersededBy: Int64?
    /// Earlier versions of the same indicator in the same round, oldest first.
    package var history: [ValueView]?
}
