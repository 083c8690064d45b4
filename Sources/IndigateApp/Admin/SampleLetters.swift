import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import Logging

/// Every letter rendered from the installation's own templates, catalogue and organisations on
/// sample data, for `indigate check`: a throwaway installation (its own database, secret and
/// Maildirs in a temporary folder, removed afterwards) plays a round — requests, a reply with a
/// mistake, the review, an operator's decisions and a deadline extension, СТАТУС, a forged
/// sender, a fresh mail, a message over the size limit, a reminder, a digest and an address
/// change — and reports the templates that never rendered or rendered to nothing. Nothing of the
/// real installation is read or written but its files.
package struct SampleLetters: Sendable {
    package struct Result: Sendable, Equatable {
        /// Letters queued by the sample round.
        package var letters: Int
        /// Letter templates (`request.txt`, …) that rendered.
        package var rendered: [String]
        /// Letter templates the round could not reach, with why (no operator in the list, say).
        package var notReached: [String]
        /// Letter templates that rendered to blank text.
        package var blank: [String]
        /// Letters GMime could not read back.
        package var unreadable: [String]
    }

    let config: IndigateConfig
    let logger: Logger

    package init(config: IndigateConfig, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    package func run() throws -> Result {
        let directory = FileManager.default.temporaryDirectory.path + "/indigate-check-" + UUID().uuidString
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var copy = config
        copy.database = directory + "/sample.sqlite"
        copy.secretFile = directory + "/secret.key"
        copy.transport.inbound = .init(kind: "maildir", path: directory + "/in")
        copy.transport.outbound = .init(kind: "maildir", path: directory + "/out")
        var quiet = logger
        quiet.logLevel = .critical
        let gateway = try Gateway(config: copy, logger: quiet, access: .create)
        var notes: [String: String] = [:]
        try play(gateway, notes: &notes)

        let usage = gateway.templateUsage.snapshot
        let letters = Templates.required.filter { !$0.hasPrefix("phrases/") }
        let rows = try gateway.admin.store.read { try $0.outboxRows(state: nil) }
        var unreadable: [String] = []
        for (row, _, subject) in rows where (try? MessageParser().parse(row.raw)) == nil {
            unreadable.append(QuotedText.clean(subject, limit: 80))
        }
        return Result(
            letters: rows.count, rendered: letters.filter { usage.rendered.contains($0) },
            notReached: letters.filter { !usage.rendered.contains($0) }.map { name in
                notes[String(name.split(separator: ".")[0])].map { "\(name) (\($0))" } ?? name
            },
            blank: letters.filter { usage.empty.contains($0) }, unreadable: unreadable)
    }

    /// The sample round, on the tenth of a September in the region's zone.
    func play(_ gateway: Gateway, notes: inout [String: String]) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone ?? .current
        func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
            calendar.date(from: DateComponents(year: 2020, month: 9, day: day, hour: hour, minute: minute))!
        }
        _ = try gateway.setup.run(now: at(1, 8))
        let opened = try gateway.scheduler.rounds.open(
            month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: config.schedule.groups, now: at(10, 10))
        let store = gateway.admin.store
        let (respondents, operators, coordinators, catalogue) = try store.read { tx in
            (
                try tx.contacts(role: .respondent), try tx.contacts(role: .operator), try tx.contacts(role: .coordinator),
                try tx.catalogue()
            )
        }
        guard let round = try store.read({ try $0.round(month: opened.month) }) else { return }
        func replyTo(_ email: String) throws -> String? {
            guard let row = try store.read({ try $0.outboxRows(recipient: email) }).last else { return nil }
            return try MessageParser().parse(row.raw).replyTo.first
        }
        var sequence = 0
        @discardableResult
        func send(from: String, to: String, _ body: String, at time: Date, size: Int? = nil) throws -> MessageOutcome {
            sequence += 1
            let raw =
                "From: \(from)\r\nTo: \(to)\r\nSubject: Re\r\nMessage-ID: <sample-\(sequence)@check.invalid>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n"
            return try gateway.intake.ingest(Array(raw.utf8), size: size, source: "check", now: time)
        }

        // The respondent asked the most answers every indicator asked, and a line it was not asked.
        let asked = try respondents.compactMap { contact -> (StoredContact, StoredOrganization, [Indicator])? in
            guard let organization = try store.read({ try $0.organization(id: contact.organizationID) }) else { return nil }
            return (contact, organization, catalogue.indicators(for: organization.organization, in: round))
        }
        guard let (school, organization, indicators) = asked.max(by: { $0.2.count < $1.2.count }), !indicators.isEmpty,
            let schoolReplyTo = try replyTo(school.contact.email)
        else {
            notes["receipt"] = "no respondent was asked anything"
            return
        }
        let lines = indicators.map { indicator in
            switch indicator.type {
            case .numeric: "\(indicator.code): 7"
            case .yesno: "\(indicator.code): Да"
            case .percentage: "\(indicator.code): 45 / 300"
            }
        }
        try send(from: school.contact.email, to: schoolReplyTo, (lines + ["99.99: семь"]).joined(separator: "\n"), at: at(11, 9))

        // The review, and an operator who accepts one value and rejects another.
        _ = try gateway.scheduler.reviewLetters.send(now: at(11, 10), force: true)
        let reviews = try operators.compactMap { reviewer -> (StoredContact, String, [Int64])? in
            guard let row = try store.read({ try $0.outboxRows(recipient: reviewer.contact.email) }).last,
                let address = try MessageParser().parse(row.raw).replyTo.first
            else { return nil }
            return (reviewer, address, try store.read { try $0.reviewItems(letterID: row.letterID) })
        }
        if let (reviewer, address, listed) = reviews.first(where: { !$0.2.isEmpty }) {
            let reject = listed.count > 1 ? "\nОТКЛОНИТЬ \(listed[1]) Уточните, пожалуйста, число учеников" : ""
            let extend = "\nПРОДЛИТЬ ДО 28.09.2020 \(organization.organization.inn)"
            try send(from: reviewer.contact.email, to: address, "ПРИНЯТЬ \(listed[0])\(reject)\(extend)", at: at(11, 11))
        } else {
            let why = operators.isEmpty ? "no operator in the organisations list" : "no operator got a review letter"
            for name in ["review", "transcript", "decision", "deadline"] { notes[name] = why }
        }

        // СТАТУС and КАТАЛОГ; a forged sender; a fresh mail without a token; a message over the size limit.
        try send(from: school.contact.email, to: schoolReplyTo, "СТАТУС", at: at(11, 12))
        try send(from: school.contact.email, to: schoolReplyTo, "КАТАЛОГ", at: at(11, 12, 30))
        try send(from: "someone@elsewhere.invalid", to: schoolReplyTo, "1.1: 5", at: at(11, 13))
        try send(from: school.contact.email, to: config.gateway.address, "Здравствуйте", at: at(11, 14))
        try send(from: school.contact.email, to: schoolReplyTo, "1.1: 5", at: at(11, 15), size: config.limits.messageBytes + 1)

        // A reminder to whoever is still silent, and the coordinators' digest.
        let before = config.reminders.daysBefore.max() ?? 1
        _ = try gateway.scheduler.reminders.send(now: at(25 - before, config.reminders.hour, 5))
        _ = try gateway.scheduler.reminders.send(now: at(25, config.reminders.hour, 5))
        if respondents.count < 2 { notes["reminder"] = "only one respondent in the organisations list" }
        if coordinators.isEmpty {
            notes["digest"] = "no coordinator in the organisations list"
        } else {
            _ = try gateway.scheduler.digests.send(now: at(21, config.digests.hour, 5), force: true)
        }

        // Last, as it moves the school to another address: АДРЕС, and the new address's answer.
        let newAddress = "new-address@check.invalid"
        try send(from: school.contact.email, to: schoolReplyTo, "АДРЕС \(newAddress)", at: at(22, 9))
        if let confirmTo = try replyTo(newAddress) {
            try send(from: newAddress, to: confirmTo, "ПОДТВЕРЖДАЮ", at: at(22, 10))
        }
    }
}
