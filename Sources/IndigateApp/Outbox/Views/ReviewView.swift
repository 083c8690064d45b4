import Foundation
import IndigateCore
import IndigateStore

/// The operators' review letter: every complete version no review letter listed yet, with
/// who sent it, the last accepted value and its document; the quarantine (counts by reason and
/// the newest entries); letters that could not be delivered and addresses that bounce.
struct ReviewView: Letter {
    static let template = "review"
    /// Quarantine entries listed one by one; the rest are counted by reason.
    static let quarantineShown = 20

    struct Item {
        var version: ValueVersion
        var organization: Organization
        var indicator: Indicator
        var sender: StoredContact?
        var lastAccepted: ValueVersion?
        /// The attachment name of its document, when it has one.
        var document: String?
        /// The document's pages, as qpdf counted them.
        var pages: Int? = nil
        /// The attachment name of the document's first page drawn small, when there is one.
        var preview: String? = nil
    }

    var items: [Item]
    /// Open entries, newest first.
    var quarantine: [QuarantineEntry]
    var quarantineCounts: [(reason: String, count: Int)]
    var failedLetters: [(recipient: String, error: String)]
    var failingAddresses: [String]
    var now: Date
    var calendar: RegionalCalendar

    var context: [String: Any] {
        let rows = items.map(item)
        let shown = quarantine.prefix(Self.quarantineShown).map(entry)
        let total = quarantineCounts.map(\.count).reduce(0, +)
        return [
            "items": rows, "hasItems": !rows.isEmpty, "count": RussianPlural.context(items.count),
            "firstID": items.first.map { String($0.version.id) } ?? "",
            "hasQuarantine": total > 0, "quarantine": shown, "quarantineTotal": total,
            "quarantineMore": total - shown.count, "quarantineShown": shown.count, "hasQuarantineMore": total > shown.count,
            "quarantineCounts": quarantineCounts.map { ["reason": Self.reason($0.reason), "count": $0.count] },
            "quarantineExample": quarantine.first.map { String($0.id) } ?? "",
            "failedLetters": failedLetters.map { ["recipient": $0.recipient, "error": QuotedText.clean($0.error, limit: 300)] },
            "hasFailedLetters": !failedLetters.isEmpty,
            "failingAddresses": failingAddresses.map { ["address": $0] },
            "hasFailingAddresses": !failingAddresses.isEmpty,
            "date": calendar.dateTime(now),
        ]
    }

    func item(_ item: Item) -> [String: Any] {
        var row: [String: Any] = [
            "id": String(item.version.id),
            "organization": item.organization.shortName,
            "inn": item.organization.inn,
            "municipality": item.organization.municipality ?? "—",
            "code": item.indicator.code,
            "question": item.indicator.question,
            "value": item.version.value.russianText,
            "late": item.version.late,
            "submittedAt": calendar.dateTime(item.version.submittedAt),
        ]
        if let sender = item.sender {
            let name = QuotedText.clean(sender.contact.personName, limit: 100)
            row["sender"] = name.isEmpty ? sender.contact.email : "\(name), \(sender.contact.email)"
        }
        if let accepted = item.lastAccepted, let at = accepted.decidedAt {
            row["previous"] = ["value": accepted.value.russianText, "at": calendar.dateTime(at)]
        }
        if case .percentage(let part, let whole) = item.version.value {
            row["parts"] = [
                "part": part, "whole": whole, "part1": item.indicator.parts.first ?? "",
                "part2": item.indicator.parts.dropFirst().first ?? "",
            ]
        }
        if let document = item.document {
            row["document"] = document
            row["pages"] = item.pages.map(RussianPlural.context) ?? false
            row["preview"] = item.preview ?? false
        }
        return row
    }

    static func reason(_ stored: String) -> [String: Any] {
        Flags.only(QuarantineReason(rawValue: stored)?.templateKey ?? "other", among: Flags.reasons)
    }

    func entry(_ entry: QuarantineEntry) -> [String: Any] {
        [
            "id": String(entry.id), "when": calendar.dateTime(entry.createdAt),
            "from": entry.from.map { QuotedText.quote($0, limit: 120) } ?? "—",
            "subject": QuotedText.quote(entry.subject ?? "", limit: 120),
            "reason": Self.reason(entry.reason),
            "lines": entry.previewLines.map { ["line": QuotedText.quote($0, limit: MessagePreview.lineCharacters)] },
            "hasAttachments": !entry.attachmentNames.isEmpty,
            "attachments": entry.attachmentNames.map { QuotedText.quote($0, limit: MessagePreview.nameCharacters) }
                .joined(separator: ", "),
        ]
    }
}

/// Names of documents as operators receive them: `1042_Школа_5_Миасс_1.2.pdf` — the version's
/// id, the school, the municipality, the indicator. Built from data, so every character that
/// could matter to a file system or a header is replaced.
enum DocumentName {
    static func forReview(valueID: Int64, organization: Organization, code: String) -> String {
        let town = (organization.municipality ?? "").split(separator: " ").first.map(String.init) ?? ""
        let parts = [String(valueID), safe(organization.shortName), safe(town), code].filter { !$0.isEmpty }
        return parts.joined(separator: "_") + ".pdf"
    }

    static func safe(_ text: String) -> String {
        let words = text.split { !($0.isLetter || $0.isNumber) }
        return String(words.joined(separator: "_").prefix(60))
    }
}
