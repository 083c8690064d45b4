import IndigateCore

/// Reports as Mustache contexts, for the digest's text and HTML templates and `report --format`.
enum ReportContext {
    static func start(_ report: StartReport) -> [String: Any] {
        func entries(_ list: [StartReport.Entry]) -> [[String: Any]] {
            list.map { entry in
                // Empty details are left out, so the templates' sections skip them.
                var context: [String: Any] = [
                    "inn": entry.inn, "name": entry.name, "municipality": entry.municipality,
                    "person": entry.person.isEmpty ? "не указано" : entry.person, "email": entry.email, "failing": entry.failing,
                ]
                if !entry.position.isEmpty { context["position"] = entry.position }
                if !entry.phone.isEmpty { context["phone"] = entry.phone }
                return context
            }
        }
        return [
            "notStarted": entries(report.notStarted), "notStartedCount": report.notStarted.count,
            "started": entries(report.started), "startedCount": report.started.count,
            "others": entries(report.others), "othersCount": report.others.count,
            "hasNotStarted": !report.notStarted.isEmpty,
            "failing": entries((report.notStarted + report.started + report.others).filter(\.failing)),
            "hasFailing": (report.notStarted + report.started + report.others).contains(where: \.failing),
        ]
    }

    /// - Parameter lines: list every indicator of every organisation (a municipality's digest);
    ///   the region's digest keeps to the counts, the CSV has the whole table.
    static func data(_ report: DataReport, lines withLines: Bool = true) -> [String: Any] {
        func lines(_ list: [DataReport.Line]) -> [[String: Any]] {
            list.map {
                [
                    "inn": $0.inn, "organization": $0.organization, "code": $0.code, "question": $0.question, "value": $0.value,
                    "date": $0.date, "state": $0.state, "resolution": $0.resolution ?? "", "hasData": $0.value != "Нет данных",
                ]
            }
        }
        func organizations(_ list: [DataReport.Organization]) -> [[String: Any]] {
            list.map {
                [
                    "inn": $0.inn, "name": $0.name, "municipality": $0.municipality, "withValues": $0.withValues,
                    "indicators": $0.indicators, "lines": withLines ? lines($0.lines) : [],
                    "percent": $0.indicators == 0 ? 0 : $0.withValues * 100 / $0.indicators,
                ]
            }
        }
        return [
            "selection": report.selection,
            "withData": organizations(report.withData), "withDataCount": report.withData.count,
            "withoutData": organizations(report.withoutData), "withoutDataCount": report.withoutData.count,
            "awaitingCorrection": lines(report.awaitingCorrection), "hasAwaitingCorrection": !report.awaitingCorrection.isEmpty,
            "late": lines(report.late), "hasLate": !report.late.isEmpty,
        ]
    }

    static func completeness(_ report: CompletenessReport?) -> [String: Any] {
        guard let report else { return ["hasCompleteness": false] }
        func rows(_ list: [CompletenessReport.Row]) -> [[String: Any]] {
            list.map {
                [
                    "name": $0.name, "expected": $0.expected, "received": $0.received, "accepted": $0.accepted,
                    "onTime": $0.onTime, "percentReceived": $0.percentReceived, "percentAccepted": $0.percentAccepted,
                    "percentOnTime": $0.percentOnTime, "percentPending": max(0, $0.percentReceived - $0.percentAccepted),
                    "percentMissing": max(0, 100 - $0.percentReceived),
                ]
            }
        }
        return [
            "hasCompleteness": true, "round": report.round, "municipalities": rows(report.municipalities),
            "groups": rows(report.groups), "total": rows([report.total]),
        ]
    }
}

/// The provided-data table as a CSV file Excel opens as it is: UTF-8 with a BOM, `;`
/// between fields, CRLF line ends, dates as ДД.ММ.ГГГГ and the time in its own column.
enum DataReportCSV {
    static func render(_ report: DataReport) -> [UInt8] {
        let rows = [DataReportTable.headings] + DataReportTable.rows(report)
        let text = rows.map { $0.map(field).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    /// Quotes a field when it holds `;`, a quote or a line break; a leading `=`, `+`, `-`, `@`
    /// is prefixed with `'` so Excel never runs data as a formula.
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.utf8.first,
            [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@")].contains(first),
            Int(text) == nil
        {
            text = "'" + text
        }
        // Byte checks: the separators are ASCII, and Character comparison is slow by the ten thousand.
        guard text.utf8.contains(where: { $0 == 0x3B || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
