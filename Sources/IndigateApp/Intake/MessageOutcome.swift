/// What handling one inbound message came to.
package enum MessageOutcome: Sendable, Equatable {
    /// Values (or details, or commands) recorded and the answer queued.
    case applied(inboundID: Int64)
    /// Refused and kept for operators as quarantine entry `entry`.
    case quarantined(inboundID: Int64, entry: Int64, reason: QuarantineReason)
    /// Deliberately left unanswered (auto-reply, bounce, duplicate Message-ID, loop).
    case ignored(inboundID: Int64, reason: IgnoreReason)
    /// The same bytes were handled before (or came twice in one batch).
    case duplicate(inboundID: Int64)
    /// Archived but not handled yet (the parser failed; it is tried again).
    case deferred(inboundID: Int64, reason: String)

    /// The outcome's kind, for logs and the CLI.
    package var label: String {
        switch self {
        case .applied: "applied"
        case .quarantined: "quarantined"
        case .ignored: "ignored"
        case .duplicate: "duplicate"
        case .deferred: "deferred"
        }
    }

    package var inboundID: Int64 {
        switch self {
        case .applied(let id), .quarantined(let id, _, _), .ignored(let id, _), .duplicate(let id), .deferred(let id, _): id
        }
    }
}

/// Counts of one `poll` pass.
package struct PollReport: Sendable, Equatable, Codable {
    package var taken = 0
    package var applied = 0
    package var quarantined = 0
    package var ignored = 0
    package var duplicates = 0
    package var deferred = 0

    package init() {}

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
