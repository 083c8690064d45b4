import Foundation
import IndigateCore
import IndigateStore
import Logging

/// Sends operators review letters: every complete version no review letter listed yet, each
/// with its document and, for the first `previewsPerLetter` documents, their first page drawn
/// small, the quarantine in brief, and delivery problems — when due by `review.batch`
/// (immediate, hourly, daily). Pages are drawn here, not as mail arrives: only for the letter
/// that shows them, by the parse workers, before the letter's transaction.
package struct ReviewLetters: Sendable {
    let store: Store
    let letters: LetterWriter
    let settings: IndigateConfig.Review
    /// Draws first pages (the parse workers, or GMime's process in tests).
    let previews: any MessageParsing
    let logger: Logger

    /// Documents drawn for one letter at most: an operator looks at a few dozen pictures, and a
    /// page costs about 12 ms to draw (a 200 KB scan, measured).
    static let previewsPerLetter = 30
    /// Drawing stops after this long, whatever is left: a page that hangs poppler costs the
    /// worker's timeout, and the letter must not wait for thirty of them.
    static let drawingBudget: TimeInterval = 10

    var calendar: RegionalCalendar { letters.calendar }

    /// Draws the first pages of the next letter's documents that have none yet (at most
    /// `previewsPerLetter`, within `drawingBudget`), and keeps them; a page that cannot be drawn
    /// (or timed the worker out) is kept as empty, so it is not tried again.
    func drawPreviews() throws {
        let wanted = try store.read { tx -> [(id: Int64, bytes: [UInt8])] in
            var wanted: [(id: Int64, bytes: [UInt8])] = []
            for version in try tx.valuesAwaitingReviewLetter() where wanted.count < Self.previewsPerLetter {
                guard let documentID = version.documentID, !wanted.contains(where: { $0.id == documentID }),
                    try tx.documentPreview(id: documentID) == nil, let document = try tx.document(id: documentID)
                else { continue }
                wanted.append((documentID, document.bytes))
            }
            return wanted
        }
        guard !wanted.isEmpty else { return }
        let started = Date()
        var drawn: [(id: Int64, png: [UInt8])] = []
        for document in wanted where Date().timeIntervalSince(started) < Self.drawingBudget {
            drawn.append((document.id, previews.firstPage(document.bytes) ?? []))
        }
        try store.write { tx in
            for document in drawn { try tx.setDocumentPreview(id: document.id, png: document.png) }
        }
    }

    /// Whether review letters are due at `now`.
    func due(tx: StoreTransaction, now: Date) throws -> Bool {
        let last = try tx.lastLetter(purpose: .review)
        switch settings.batch {
        case "hourly":
            return last.map { now.timeIntervalSince($0) >= 3600 } ?? true
        case "daily":
            guard calendar.calendar.component(.hour, from: now) >= settings.dailyHour else { return false }
            return last.map { calendar.isoDay($0) != calendar.isoDay(now) } ?? true
        default:
            return true
        }
    }

    /// Queues one review letter per operator when due (or `force`d) and something new waits: a
    /// version no letter listed yet, or a message set aside since the last letter. Returns how
    /// many were queued.
    @discardableResult
    package func send(now: Date, force: Bool = false) throws -> Int {
        guard try force || store.read({ try due(tx: $0, now: now) }) else { return 0 }
        try drawPreviews()
        return try store.write { tx in
            guard try force || due(tx: tx, now: now) else { return 0 }
            let pending = try tx.valuesAwaitingReviewLetter()
            guard try !pending.isEmpty || tx.newQuarantineCount(since: try tx.lastLetter(purpose: .review)) > 0 else { return 0 }
            let catalogue = try tx.catalogue(withParticipants: false)
            let organizations = Dictionary(uniqueKeysWithValues: try tx.allOrganizations().map { ($0.id, $0) })
            var items: [ReviewView.Item] = []
            var attachments: [ParsedMessage.Attachment] = []
            var accepted: [Int64: [String: ValueVersion]] = [:]
            for version in pending {
                guard let organization = organizations[version.organizationID],
                    let indicator = catalogue.indicator(code: version.indicatorCode)
                else { continue }
                if accepted[version.organizationID] == nil {
                    accepted[version.organizationID] = try tx.lastAccepted(organizationID: version.organizationID)
                }
                var item = ReviewView.Item(
                    version: version, organization: organization.organization, indicator: indicator,
                    sender: try tx.contact(id: version.contactID), lastAccepted: accepted[version.organizationID]?[indicator.code]
                )
                if let documentID = version.documentID, let document = try tx.document(id: documentID) {
                    let name = DocumentName.forReview(
                        valueID: version.id, organization: organization.organization, code: indicator.code)
                    item.document = name
                    item.pages = document.pages
                    attachments.append(.init(fileName: name, contentType: "application/pdf", bytes: document.bytes))
                    if let png = try tx.documentPreview(id: documentID), !png.isEmpty {
                        let preview = String(name.dropLast(4)) + "_стр1.png"
                        item.preview = preview
                        attachments.append(.init(fileName: preview, contentType: "image/png", bytes: png))
                    }
                }
                items.append(item)
            }
            let quarantine = try tx.openQuarantine(newest: ReviewView.quarantineShown)
            let problems = try tx.deliveryProblems()
            let view = ReviewView(
                items: items, quarantine: quarantine.newest, quarantineCounts: quarantine.counts,
                failedLetters: problems.failedLetters, failingAddresses: problems.failingAddresses, now: now, calendar: calendar)
            var count = 0
            for operatorContact in try tx.contacts(role: .operator) where !operatorContact.failing {
                guard let organization = organizations[operatorContact.organizationID],
                    let letterID = try letters.enqueue(
                        view,
                        to: LetterEnvelope(
                            purpose: .review, tokenPurpose: .review, contact: operatorContact, organization: organization,
                            roundID: nil, tokenSubjectID: nil, answering: nil),
                        attachments: attachments, in: tx, now: now)
                else { continue }
                try tx.addReviewItems(letterID: letterID, valueIDs: pending.map(\.id), at: now)
                count += 1
            }
            logger.info("review letters", metadata: ["submissions": "\(items.count)", "letters": "\(count)"])
            return count
        }
    }
}
