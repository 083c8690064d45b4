/// What a mailbox may do: fill values, watch (read-only), or review.
package enum ContactRole: String, Sendable, Codable, CaseIterable {
    /// Fills the organisation's values.
    case respondent
    /// Read-only: receives digests and reports.
    case coordinator
    /// Reviews values: accepts or rejects them.
    case `operator`
}
