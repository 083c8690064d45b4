/// Where a value version is in its life. A version is never overwritten: a correction is a new
/// version, and a version's state only moves forward.
public enum ValueState: String, Sendable, Codable, CaseIterable {
    /// Saved but incomplete: the required document has not arrived yet.
    case saved
    /// Complete and waiting for an operator.
    case review
    /// Accepted by an operator: input for the indicator is locked until the next data date.
    case accepted
    /// Rejected with a resolution; the school corrects and resubmits.
    case rejected

    /// Whether a version in this state may move to `next`.
    public func canMove(to next: ValueState) -> Bool {
        switch (self, next) {
        case (.saved, .review), (.review, .accepted), (.review, .rejected): true
        default: false
        }
    }

    /// The school-facing name of the state.
    public var russianName: String {
        switch self {
        case .saved: "сохранено, ожидается документ"
        case .review: "на проверке"
        case .accepted: "принято"
        case .rejected: "отклонено"
        }
    }
}
