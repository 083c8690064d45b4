import Foundation
import IndigateCore
import IndigateStore

/// Builds a synthetic region (organisations × indicators × rounds of accepted values) in a
/// fresh database and times the coordinators' reports over it. Run by `make bench`.
package enum ReportBenchmark {
    package struct Timing: Sendable, Codable {
        package var name: String
        package var seconds: Double
    }

    package static func run(
        directory: String, organizations: Int, indicators: Int, rounds: Int, log: (String) -> Void
    ) throws -> [Timing] {
        let store = try Store(path: directory + "/bench.sqlite", access: .create)
        let calendar = RegionalCalendar(timeZone: TimeZone(secondsFromGMT: 5 * 3600)!)
        let started = Date()
        let catalogue = Catalogue(groups: [
            IndicatorGroup(
                code: "1", title: "Синтетическая группа",
                indicators: (1...indicators).map {
                    Indicator(
                        code: "1.\($0)", groupCode: "1", question: "Показатель \($0)", type: .numeric, participants: .schools)
                })
        ])
        var contacts: [(organization: Int64, contact: Int64, inbound: Int64)] = []
        try store.write { tx in
            for index in 0..<organizations {
                let inn = String(format: "74%08d", index)
                let organization = try tx.saveOrganization(
                    Organization(
                        inn: inn, kind: .school, shortName: "Школа № \(index)", fullName: "Школа № \(index)",
                        municipality: "Муниципалитет \(index % 40)", mouoInn: nil))
                let contact = try tx.saveContact(
                    Contact(organizationINN: inn, role: .respondent, email: "school\(index)@bench.test"),
                    organizationID: organization)
                guard
                    case .new(let inbound) = try tx.archive(
                        raw: Array("x\(index)".utf8), sha256: "bench\(index)", source: "bench", at: started)
                else { continue }
                try tx.finishInbound(id: inbound, outcome: .applied, detail: nil, contactID: contact, at: started)
                contacts.append((organization, contact, inbound))
            }
            let ministry = try tx.saveOrganization(
                Organization(
                    inn: "7451208572", kind: .other, shortName: "Минобр", fullName: "Минобр", municipality: nil, mouoInn: nil))
            try tx.saveContact(
                Contact(organizationINN: "7451208572", role: .coordinator, email: "coord@bench.test"), organizationID: ministry)
            try tx.saveCatalogue(catalogue)
        }
        var roundIDs: [(Int64, Date)] = []
        for offset in 0..<rounds {
            let year = 2019 + offset / 12
            let month = offset % 12 + 1
            let monthText = String(format: "%04d-%02d", year, month)
            let opened = calendar.startOfDay(monthText + "-10")!
            try store.write { tx in
                let round = try tx.openRound(
                    month: monthText, deadline: monthText + "-25", nextDataAfter: monthText + "-28",
                    indicatorCodes: catalogue.indicators.map(\.code), at: opened)
                roundIDs.append((round.id, opened))
                var batch: [BulkValue] = []
                for (index, entry) in contacts.enumerated() {
                    for indicator in catalogue.indicators {
                        batch.append(
                            BulkValue(
                                organizationID: entry.organization, indicatorCode: indicator.code, roundID: round.id,
                                contactID: entry.contact, inboundID: entry.inbound, state: .accepted, number: index + offset,
                                submittedAt: opened.addingTimeInterval(86_400), decidedAt: opened.addingTimeInterval(2 * 86_400)))
                    }
                }
                try tx.addValues(batch)
            }
        }
        log(
            "generated \(organizations) organisations × \(indicators) indicators × \(rounds) rounds = "
                + "\(organizations * indicators * rounds) value versions in \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
        )

        let config = try ConfigLoader.benchConfig(directory: directory)
        let gateway = try Gateway(config: config, logger: .init(label: "bench"))
        let middle = calendar.isoDay(roundIDs[rounds / 2].1)
        var timings: [Timing] = []
        func time(_ name: String, _ body: () throws -> Void) rethrows {
            let start = Date()
            try body()
            timings.append(Timing(name: name, seconds: Date().timeIntervalSince(start)))
            log("\(name): \(String(format: "%.3f", timings.last!.seconds)) s")
        }
        try time("start report, region") { _ = try gateway.reports.startReport(scope: .region) }
        try time("provided data, last accepted, region") {
            _ = try gateway.reports.dataReport(scope: .region, selection: .lastAccepted)
        }
        try time("provided data, accepted before \(middle), region") {
            _ = try gateway.reports.dataReport(scope: .region, selection: .acceptedBefore(middle))
        }
        try time("provided data, new values, region") { _ = try gateway.reports.dataReport(scope: .region, selection: .new) }
        try time("completeness, region") { _ = try gateway.reports.completenessReport(scope: .region) }
        // The region's data table as the digest carries it: Excel by default, CSV when asked.
        let regionData = try gateway.reports.dataReport(scope: .region, selection: .lastAccepted)
        var xlsx = 0
        var csv = 0
        try time("the region's data table as Excel (libxlsxwriter, constant memory)") {
            xlsx = try DataReportXLSX.render(regionData).count
        }
        time("the region's data table as CSV") { csv = DataReportCSV.render(regionData).count }
        log(
            "the region's data table: Excel \(xlsx) bytes, CSV \(csv) bytes (\(String(format: "%.2f", Double(xlsx) / Double(max(csv, 1))))×)"
        )
        try time("the regional coordinator's digest: three reports, text + HTML + Excel table, composed and queued") {
            _ = try gateway.scheduler.digests.send(now: Date(), force: true)
        }
        try time("all three, one municipality") {
            _ = try gateway.reports.startReport(scope: .municipality("Муниципалитет 7"))
            _ = try gateway.reports.dataReport(scope: .municipality("Муниципалитет 7"), selection: .lastAccepted)
            _ = try gateway.reports.completenessReport(scope: .municipality("Муниципалитет 7"))
        }
        return timings
    }
}

extension ConfigLoader {
    /// A configuration for the benchmark's database, with the repository's templates.
    static func benchConfig(directory: String) throws -> IndigateConfig {
        // The repository's catalogue and templates, from where `make bench` runs.
        let repository = FileManager.default.currentDirectoryPath
        let yaml = """
            region: "Бенчмарк"
            timezone: "+05:00"
            database: \(directory)/bench.sqlite
            secret_file: \(directory)/secret.key
            gateway: { address: monitoring@bench.test, name: "Мониторинг", helpdesk: "" }
            catalogue: \(repository)/config/indicators.yaml
            organizations: \(repository)/config/organizations.csv
            templates: \(repository)/mailtemplates
            transport: { inbound: { kind: maildir, path: \(directory)/in }, outbound: { kind: maildir, path: \(directory)/out } }
            schedule: { open_day: 10, deadline_day: 25, next_data_day: 28, groups: [], poll_seconds: 10 }
            review: { batch: immediate, daily_hour: 9 }
            reminders: { days_before: [3], on_deadline: true, after_rejection_days: 3, hour: 9 }
            outbox: { min_backoff_seconds: 300, max_backoff_seconds: 3600, max_age_days: 5 }
            digests: { weekday: 1, hour: 9, after_deadline: true }
            tokens: { lifetime_days: 120, rotation_grace_days: 30 }
            limits: { message_bytes: 52428800, document_bytes: 20971520, batch: 200, letters_per_recipient_per_hour: 20 }
            parser: { isolated: false, memory_mb: 2048, timeout_seconds: 30 }
            security: { trusted_authserv_ids: [], quarantine_spf_fail: true, answer_untokened: false }
            """
        try yaml.write(toFile: directory + "/bench.yaml", atomically: true, encoding: .utf8)
        return try load(path: directory + "/bench.yaml")
    }
}
