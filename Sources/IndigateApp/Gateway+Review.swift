import Foundation
import IndigateCore
import IndigateStore

extension Gateway {
    /// Whether review letters are due at `now` by `review.batch`.
    func reviewLettersDue(tx: StoreTransaction, now: Date) throws -> Bool {
        let last = try tx.lastLetter(purpose: .review)
        switch config.review.batch {
        case "hourly":
            return last.map { now.timeIntervalSince($0) >= 3600 } ?? true
        case "daily":
            let hour = calendar.calendar.component(.hour, from: now)
            guard hour >= config.review.dailyHour else { return false }
            return last.map { calendar.isoDay($0) != calendar.isoDay(now) } ?? true
        default:
            return true
        }
    }

    /// Sends every operator a review letter listing the submissions no review letter has listed
    /// yet (each with its PDF), the open quarantine, failed letters and failing addresses.
    /// Returns how many letters were queued; none when nothing new waits.
    @discardableResult
    public func sendReviewLetters(now: Date, force: Bool = false) throws -> Int {
        try store.write { tx in
            let due = try force || reviewLettersDue(tx: tx, now: now)
            guard due else { return 0 }
            let pending = try tx.valuesAwaitingReviewLetter()
            guard !pending.isEmpty else { return 0 }
            let catalogue = try tx.catalogue()
            var items: [[String: Any]] = []
            var attachments: [ParsedMessage.Attachment] = []
            for value in pending {
                guard let organization = try tx.organization(id: value.organizationID),
                    let indicator = catalogue.indicator(code: value.indicatorCode)
                else { continue }
                let previous = try tx.lastAccepted(organizationID: value.organizationID, indicatorCode: value.indicatorCode)
                var item: [String: Any] = [
                    "id": String(value.id),
                    "organization": organization.organization.shortName,
                    "inn": organization.organization.inn,
                    "municipality": organization.organization.municipality ?? "—",
                    "code": indicator.code,
                    "question": indicator.question,
                    "value": value.value.russianText,
                    "late": value.late,
                    "submittedAt": calendar.dateTime(value.submittedAt),
                    "previous": previous.map { "\($0.value.russianText) (\($0.decidedAt.map(calendar.dateTime) ?? ""))" } ?? "нет",
                ]
                if case .percentage(let part, let whole) = value.value {
                    item["parts"] = "(1) \(part) — \(indicator.parts.first ?? ""); (2) \(whole) — \(indicator.parts.dropFirst().first ?? "")"
                }
                if let documentID = value.documentID, let document = try tx.document(id: documentID) {
                    let name = DocumentName.forReview(valueID: value.id, organization: organization.organization, code: indicator.code)
                    item["document"] = name
                    attachments.append(.init(fileName: name, contentType: "application/pdf", bytes: document.bytes))
                }
                items.append(item)
            }
            let quarantine = try tx.quarantineEntries().map { entry -> [String: Any] in
                ["id": String(entry.id), "reason": entry.reason, "from": entry.from ?? "—", "subject": entry.subject ?? "",
                 "when": calendar.dateTime(entry.createdAt)]
            }
            let problems = try tx.deliveryProblems()
            let context: [String: Any] = [
                "items": items, "count": items.count, "firstID": items.first?["id"] ?? "",
                "quarantine": quarantine, "hasQuarantine": !quarantine.isEmpty,
                "failedLetters": problems.failedLetters.map { ["recipient": $0.recipient, "error": $0.error] },
                "hasFailedLetters": !problems.failedLetters.isEmpty,
                "failingAddresses": problems.failingAddresses.map { ["address": $0] },
                "hasFailingAddresses": !problems.failingAddresses.isEmpty,
                "date": calendar.dateTime(now),
            ]
            var letters = 0
            let organizations = Dictionary(uniqueKeysWithValues: try tx.allOrganizations().map { ($0.id, $0) })
            for operatorContact in try tx.contacts(role: .operator) where !operatorContact.failing {
                guard let organization = organizations[operatorContact.organizationID],
                    let letterID = try enqueue(
                        LetterEnvelope(
                            purpose: .review, tokenPurpose: .review, contact: operatorContact, organization: organization,
                            roundID: nil, tokenSubjectID: nil, answering: nil),
                        template: "review", context: context, html: false, attachments: attachments, in: tx, now: now)
                else { continue }
                try tx.addReviewItems(letterID: letterID, valueIDs: pending.map(\.id), at: now)
                letters += 1
            }
            logger.info("review letters", metadata: ["submissions": "\(items.count)", "letters": "\(letters)"])
            return letters
        }
    }
}

/// Names of documents as operators receive them: `1042_Школа_5_Миасс_1.2.pdf` — the
/// submission's id, the school, the municipality, the indicator. Built from data, so every
/// character that could matter to a file system or a header is replaced.
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
