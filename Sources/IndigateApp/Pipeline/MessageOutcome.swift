/// What handling one inbound message came to.
public enum MessageOutcome: Sendable, Equatable {
    /// Values (or details) recorded and a receipt queued.
    case applied(inboundID: Int64)
    /// Refused and kept for operators.
    case quarantined(inboundID: Int64, reason: String)
    /// Deliberately left unanswered (auto-reply, bounce, duplicate, loop).
    case ignored(inboundID: Int64, reason: String)
    /// The same bytes were handled before.
    case duplicate(inboundID: Int64)
    /// Archived but not handled yet (the parser failed; it is tried again).
    case deferred(inboundID: Int64, reason: String)

    public var inboundID: Int64 {
        switch self {
        case .applied(let id), .quarantined(let id, _), .ignored(let id, _), .duplicate(let id), .deferred(let id, _): id
        }
    }
}

/// Counts of one `poll` pass.
public struct PollReport: Sendable, Equatable, Codable {
    public var taken = 0
    public var applied = 0
    public var quarantined = 0
    public var ignored = 0
    public var duplicates = 0
    public var deferred = 0

    public init() {}

    mutating func add(_ outcome: MessageOutcome) {
        switch outcome {
        case .applied: applied += 1
        case .quarantined: quarantined += 1
        case .ignored: ignored += 1
        case .duplicate: duplicates += 1
        case .deferred: deferred += 1
        }
    }
}
