/// The stored state of a value version. A version is never overwritten: a correction is a new
/// version, and a version's state only moves forward, by the rules of `ValueLife`.
package enum ValueState: String, Sendable, Codable, CaseIterable {
    /// Saved but incomplete: the required document has not arrived yet.
    case awaitingDocument = "saved"
    /// Complete and waiting for an operator.
    case review
    /// Accepted by an operator: input for the indicator is locked until the next-data date.
    case accepted
    /// Rejected with a resolution; the school corrects and resubmits.
    case rejected

    /// Whether an operator has decided on a version in this state.
    package var isDecided: Bool { self == .accepted || self == .rejected }
}
