import Foundation

/// The start-of-work report («Отчёт о начале тестирования»).
public struct StartReport: Sendable, Equatable, Codable {
    public var scope: String
    public var notStarted: [Entry]
    public var started: [Entry]
    /// Organisations that answer no indicator (the regional centre, the ministry).
    public var others: [Entry]

    public init(scope: String, notStarted: [Entry], started: [Entry], others: [Entry]) {
        self.scope = scope
        self.notStarted = notStarted
        self.started = started
        self.others = others
    }

    public struct Entry: Sendable, Equatable, Codable {
        public var inn: String
        public var name: String
        public var municipality: String
        public var person: String
        public var position: String
        public var phone: String
        public var email: String
        /// The address bounces: mail to it does not arrive.
        public var failing: Bool

        public init(
            inn: String, name: String, municipality: String, person: String, position: String, phone: String, email: String,
            failing: Bool
        ) {
            self.inn = inn
            self.name = name
            self.municipality = municipality
            self.person = person
            self.position = position
            self.phone = phone
            self.email = email
            self.failing = failing
        }
    }
}

/// The provided-data report («Отчёт по предоставленным данным»).
public struct DataReport: Sendable, Equatable, Codable {
    public var scope: String
    /// «Новые значения», «Последние принятые значения», «До 01.12.2019».
    public var selection: String
    public var withData: [Organization]
    public var withoutData: [Organization]
    /// Latest versions rejected and not corrected yet.
    public var awaitingCorrection: [Line]
    /// Latest versions received after their round's deadline.
    public var late: [Line]

    public init(
        scope: String, selection: String, withData: [Organization], withoutData: [Organization],
        awaitingCorrection: [Line], late: [Line]
    ) {
        self.scope = scope
        self.selection = selection
        self.withData = withData
        self.withoutData = withoutData
        self.awaitingCorrection = awaitingCorrection
        self.late = late
    }

    public struct Organization: Sendable, Equatable, Codable {
        public var inn: String
        public var name: String
        public var municipality: String
        /// Indicators with a value in this selection, of those the organisation answers.
        public var withValues: Int
        public var indicators: Int
        public var lines: [Line]

        public init(inn: String, name: String, municipality: String, withValues: Int, indicators: Int, lines: [Line]) {
            self.inn = inn
            self.name = name
            self.municipality = municipality
            self.withValues = withValues
            self.indicators = indicators
            self.lines = lines
        }
    }

    public struct Line: Sendable, Equatable, Codable {
        public var inn: String
        public var organization: String
        public var code: String
        public var question: String
        /// The value as letters print it, or «Нет данных».
        public var value: String
        /// «ДД.ММ.ГГГГ - ЧЧ:ММ:СС», or empty.
        public var date: String
        public var state: String
        public var resolution: String?

        public init(
            inn: String, organization: String, code: String, question: String, value: String, date: String, state: String,
            resolution: String?
        ) {
            self.inn = inn
            self.organization = organization
            self.code = code
            self.question = question
            self.value = value
            self.date = date
            self.state = state
            self.resolution = resolution
        }
    }
}

/// Completeness of the current round (DHIS2's reporting rates): per municipality and per group.
public struct CompletenessReport: Sendable, Equatable, Codable {
    public var scope: String
    public var round: String
    public var municipalities: [Row]
    public var groups: [Row]
    public var total: Row

    public init(scope: String, round: String, municipalities: [Row], groups: [Row], total: Row) {
        self.scope = scope
        self.round = round
        self.municipalities = municipalities
        self.groups = groups
        self.total = total
    }

    public struct Row: Sendable, Equatable, Codable {
        public var name: String
        /// Organisation × indicator pairs asked.
        public var expected: Int
        /// Pairs with any value.
        public var received: Int
        /// Pairs whose latest value is accepted.
        public var accepted: Int
        /// Pairs whose latest value came by the deadline.
        public var onTime: Int

        /// Received as a share of expected, in whole percent.
        public var percentReceived: Int { expected == 0 ? 0 : received * 100 / expected }
        public var percentAccepted: Int { expected == 0 ? 0 : accepted * 100 / expected }
        public var percentOnTime: Int { expected == 0 ? 0 : onTime * 100 / expected }

        public init(name: String, expected: Int = 0, received: Int = 0, accepted: Int = 0, onTime: Int = 0) {
            self.name = name
            self.expected = expected
            self.received = received
            self.accepted = accepted
            self.onTime = onTime
        }
    }
}
