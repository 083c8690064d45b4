import Foundation

/// The life of a value version, as one state machine: a version starts awaiting its document
/// or under review; a document completes it; an operator accepts or rejects it; a newer
/// version supersedes it. Production moves versions only through these functions; the store
/// records the result.
///
/// ```
/// awaitingDocument ──document──▶ review ──accept──▶ accepted
///        │                          └────reject──▶ rejected
///        └───────── newer version ──▶ superseded (an undecided version is never decided)
/// ```
package enum ValueLife {
    /// A version's place in its life: its stored state, read together with supersession.
    package enum Stage: Sendable, Equatable {
        case awaitingDocument
        case underReview
        case accepted
        case rejected
        /// A newer version replaced it before anyone decided: it stays in the history only.
        case superseded(by: Int64)
    }

    /// Why a transition cannot happen. Each is answered to the person who asked for it.
    package enum Refusal: Error, Sendable, Equatable {
        /// A newer version replaced it: a decision would apply to a value nobody stands by.
        case superseded(by: Int64)
        /// Someone decided first: the first decision stands.
        case alreadyDecided(ValueState)
        /// Not complete yet: its document has not arrived.
        case awaitingDocument
        /// Only a version awaiting its document takes one.
        case notAwaitingDocument
    }

    /// An operator's decision on a version.
    package struct Decision: Sendable, Equatable {
        package var accept: Bool
        package var operatorID: Int64
        package var resolution: String?

        package init(accept: Bool, operatorID: Int64, resolution: String?) {
            self.accept = accept
            self.operatorID = operatorID
            self.resolution = resolution
        }
    }

    package static func stage(of version: ValueVersion) -> Stage {
        switch version.state {
        case .accepted: return .accepted
        case .rejected: return .rejected
        case .awaitingDocument: return version.supersededBy.map { .superseded(by: $0) } ?? .awaitingDocument
        case .review: return version.supersededBy.map { .superseded(by: $0) } ?? .underReview
        }
    }

    /// The state a new version starts in: under review when complete, awaiting its document when
    /// the indicator requires one for this value and none came with it.
    package static func startingState(of value: Value, for indicator: Indicator, hasDocument: Bool) -> ValueState {
        indicator.requiresDocument(for: value) && !hasDocument ? .awaitingDocument : .review
    }

    /// A document arrives for a version that waited for it: it goes to review.
    package static func attach(documentID: Int64, to version: ValueVersion) -> Result<ValueVersion, Refusal> {
        switch version.stage {
        case .awaitingDocument:
            var next = version
            next.documentID = documentID
            next.state = .review
            return .success(next)
        case .superseded(let newer): return .failure(.superseded(by: newer))
        default: return .failure(.notAwaitingDocument)
        }
    }

    /// An operator accepts or rejects a version. Only a current version under review moves;
    /// the first decision stands.
    package static func decide(_ decision: Decision, on version: ValueVersion, at now: Date) -> Result<ValueVersion, Refusal> {
        switch version.stage {
        case .underReview:
            var next = version
            next.state = decision.accept ? .accepted : .rejected
            next.decidedAt = now
            next.decidedBy = decision.operatorID
            next.resolution = decision.accept ? nil : decision.resolution
            return .success(next)
        case .superseded(let newer): return .failure(.superseded(by: newer))
        case .awaitingDocument: return .failure(.awaitingDocument)
        case .accepted, .rejected: return .failure(.alreadyDecided(version.state))
        }
    }

    /// A newer version replaces `version`. Always allowed: whether the newer version may be
    /// taken at all is the lock's question (`IndicatorStanding.locked`), asked before.
    package static func supersede(_ version: ValueVersion, by newer: Int64) -> ValueVersion {
        var next = version
        next.supersededBy = newer
        return next
    }
}
