/// One indicator of the catalogue: a question asked of its participants every round.
public struct Indicator: Sendable, Equatable {
    /// The code as printed in letters and typed in replies («1.2»).
    public var code: String
    /// The code of the group it belongs to («1»).
    public var groupCode: String
    public var question: String
    public var type: IndicatorType
    /// For a percentage: the questions of (1) the part and (2) the whole. Empty otherwise.
    public var parts: [String]
    /// The confirmation document required (always a PDF), described for the school; nil if none.
    public var document: String?
    public var participants: Participants

    public init(
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
    public func requiresDocument(for value: Value) -> Bool {
        guard document != nil else { return false }
        switch value {
        case .number(let n): return n != 0
        case .yesNo(let yes): return yes
        case .percentage(let part, _): return part != 0
        }
    }
}
