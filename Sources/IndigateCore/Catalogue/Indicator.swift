/// One indicator of the catalogue: a question asked of its participants every round.
package struct Indicator: Sendable, Equatable {
    /// The code as printed in letters and typed in replies («1.2»).
    package var code: String
    /// The code of the group it belongs to («1»).
    package var groupCode: String
    package var question: String
    package var type: IndicatorType
    /// For a percentage: the questions of (1) the part and (2) the whole. Empty otherwise.
    package var parts: [String]
    /// The confirmation document required (always a PDF), described for the school; nil if none.
    package var document: String?
    package var participants: Participants

    package init(
        code: String, groupCode: String, question: String, type: IndicatorType,
        parts: [String] = [], document: String? = nil, participants: Participants
    ) {
        self.code = code
        self.groupCode = groupCode
        self.question = question
        self.type = type
        self.parts = parts
        self.document = document
        self.participants = participants
    }

    /// Whether a confirmation document is required for `value`: the seed's rule lets a school
    /// omit it when the answer is «Нет» or 0.
    package func requiresDocument(for value: Value) -> Bool {
        guard document != nil else { return false }
        switch value {
        case .number(let n): return n != 0
        case .yesNo(let yes): return yes
        case .percentage(let part, _): return part != 0
        }
    }
}
