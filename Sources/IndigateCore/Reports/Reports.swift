import Foundation

/// The start-of-work report («Отчёт о начале тестирования»).
package struct StartReport: Sendable, Equatable, Codable {
    package var scope: String
    package var notStarted: [Entry]
    package var started: [Entry]
    /// Organisations that answer no indicator (the regional centre, the ministry).
    package var others: [Entry]

    package init(scope: String, notStarted: [Entry], started: [Entry], others: [Entry]) {
        self.scope = scope
        self.notStarted = notStarted
        self.started = started
        self.others = others
    }

    package struct Entry: Sendable, Equatable, Codable {
        package var inn: String
        package var name: String
        package var municipality: String
        package var person: String
        package var position: String
        package var phone: String
        package var email: String
        /// The address bounces: mail to it does not arrive.
        package var failing: Bool

        package init(
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
package struct DataReport: Sendable, Equatable, Codable {
    package var scope: String
    /// «Новые значения», «Последние принятые значения», «До 01.12.2019».
    package var selection: String
    package var withData: [Organization]
    package var withoutData: [Organization]
    /// Latest versions rejected and not corrected yet.
    package var awaitingCorrection: [Line]
    /// Latest versions received after their round's deadline.
    package var late: [Line]

    package init(
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

    package struct Organization: Sendable, Equatable, Codable {
        package var inn: String
        package var name: String
        package var municipality: String
        /// Indicators with a value in this selection, of those the organisation answers.
        package var withValues: Int
        package var indicators: Int
        package var lines: [Line]

        package init(inn: String, name: String, municipality: String, withValues: Int, indicators: Int, lines: [Line]) {
            self.inn = inn
            self.name = name
            self.municipality = municipality
            self.withValues = withValues
            self.indicators = indicators
            self.lines = lines
        }
    }

    package struct Line: Sendable, Equatable, Codable {
        package var inn: String
        package var organization: String
        package var code: String
        package var question: String
        /// The value as letters print it, or «Нет данных».
        package var value: String
        /// «ДД.ММ.ГГГГ - ЧЧ:ММ:СС», or empty.
        package var date: String
        package var state: String
        package var resolution: String?

        package init(
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
package struct CompletenessReport: Sendable, Equatable, Codable {
    package var scope: String
    package var round: String
    package var municipalities: [Row]
    package var groups: [Row]
    package var total: Row

    package init(scope: String, round: String, municipalities: [Row], groups: [Row], total: Row) {
        self.scope = scope
        self.round = round
        self.municipalities = municipalities
        self.groups = groups
        self.total = total
    }

    package struct Row: Sendable, Equatable, Codable {
        package var name: String
        /// Organisation × indicator pairs asked.
        package var expected: Int
        /// Pairs with any value.
        package var received: Int
        /// Pairs whose latest value is accepted.
        package var accepted: Int
        /// Pairs whose latest value came by the deadline.
        package var onTime: Int

        /// Received as a share of expected, in whole percent.
        package var percentReceived: Int { expected == 0 ? 0 : received * 100 / expected }
        package var percentAccepted: Int { expected == 0 ? 0 : accepted * 100 / expected }
        package var percentOnTime: Int { expected == 0 ? 0 : onTime * 100 / expected }

        package init(name: String, expected: Int = 0, received: Int = 0, accepted: Int = 0, onTime: Int = 0) {
            self.name = name
            self.expected = expected
            self.received = received
            self.accepted = accepted
            self.onTime = onTime
        }
    }
}
