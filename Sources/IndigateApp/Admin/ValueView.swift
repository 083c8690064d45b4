import Foundation
import IndigateCore
import IndigateStore

/// One value version for `values --json`.
public struct ValueView: Sendable, Codable, Equatable {
    /// The version's id: the number operators accept or reject.
    public var id: Int64
    public var inn: String
    public var organization: String
    public var round: String
    public var indicator: String
    public var state: String
    public var value: String
    public var number: Int?
    public var yes: Bool?
    public var part: Int?
    public var whole: Int?
    public var percent: Double?
    public var document: String?
    public var submittedAt: String
    public var late: Bool
    public var decidedAt: String?
    public var resolution: String?
    /// The newer version that replaced this one, if any.
    public var supersededBy: Int64?
    /// Earlier versions of the same indicator in the same round, oldest first.
    public var history: [ValueView]?
}
