import Foundation
import IndigateCore
import IndigateStore

extension Gateway {
    /// Whether digests are due at `now`: on `digests.weekday` from `digests.hour`, and the day
    /// after the current round's deadline; at most one round of digests a day.
    func digestsDue(tx: StoreTransaction, now: Date) throws -> Bool {
        let calendar = self.calendar.calendar
        guard calendar.component(.hour, from: now) >= config.digests.hour else { return false }
        if let last = try tx.lastLetter(purpose: .digest), self.calendar.isoDay(last) == self.calendar.isoDay(now) {
            return false
        }
        // Calendar weekdays: 1 is Sunday; the config counts 1 as Monday.
        let weekday = (calendar.component(.weekday, from: now) + 5) % 7 + 1
        if weekday == config.digests.weekday { return true }
        if config.digests.afterDeadline, let round = try tx.currentRound(at: now),
            let deadline = self.calendar.startOfDay(round.deadline),
            self.calendar.isoDay(deadline.addingTimeInterval(86_400 + 3600)) == self.calendar.isoDay(now)
        {
            return true
        }
        return false
    }

    /// Sends every coordinator the digest of their scope (a municipality, or the region), when
    /// due or when `force`d. Returns how many were queued.
    @discardableResult
    public func sendDigests(now: Date, force: Bool = false) throws -> Int {
        try store.write { tx in
            let due = try force || digestsDue(tx: tx, now: now)
            guard due else { return 0 }
            var sent = 0
            for coordinator in try tx.contacts(role: .coordinator) where !coordinator.failing {
                if try enqueueDigest(to: coordinator, selection: .lastAccepted, note: nil, answering: nil, tx: tx, now: now) {
                    sent += 1
                }
            }
            if sent > 0 { logger.info("digests", metadata: ["sent": "\(sent)"]) }
            return sent
        }
    }

    /// One coordinator's digest: completeness, start of work and provided data of their scope,
    /// text and HTML, with the provided-data table attached as CSV.
    func enqueueDigest(
        to coordinator: StoredContact, selection: ValueSelection, note: String?,
        answering: (inboundID: Int64, messageID: String?, references: [String])?, tx: StoreTransaction, now: Date
    ) throws -> Bool {
        guard let organization = try tx.organization(id: coordinator.organizationID) else { return false }
        let scope = ReportScope.of(organization.organization)
        let start = try startReport(scope: scope, tx: tx)
        let data = try dataReport(scope: scope, selection: selection, tx: tx)
        var context = ReportContext.start(start)
            .merging(ReportContext.data(data, lines: scope != .region)) { $1 }
            .merging(ReportContext.completeness(try completenessReport(scope: scope, tx: tx))) { $1 }
        context["scope"] = scope.russianTitle
        context["date"] = calendar.dateTime(now)
        context["note"] = note ?? ""
        context["showStart"] = true
        context["showData"] = true
        context["isLetter"] = true
        let day = calendar.date(now)
        let fileName = "мониторинг_\(DocumentName.safe(scope.russianTitle))_\(day).csv"
        return try enqueue(
            LetterEnvelope(
                purpose: .digest, tokenPurpose: .digest, contact: coordinator, organization: organization, roundID: nil,
                tokenSubjectID: nil, answering: answering),
            template: "digest", context: context, html: true,
            attachments: [.init(fileName: fileName, contentType: "text/csv", bytes: DataReportCSV.render(data))],
            in: tx, now: now) != nil
    }

    /// A coordinator's reply to a digest: `ОТЧЁТ` (also `ОТЧЕТ`, `REPORT`), optionally with an
    /// as-of date (`ОТЧЁТ 01.12.2019`), brings the digest back. Coordinators change nothing: values
    /// in the reply are not recorded, and the answer says so.
    func applyCoordinatorReply(
        _ message: ParsedMessage, inboundID: Int64, sender: Sender, context: HandlingContext, tx: StoreTransaction, now: Date
    ) throws {
        let text = ReplyText.newText(of: message.text)
        var selection = ValueSelection.lastAccepted
        for line in text.split(whereSeparator: \.isNewline) {
            let words = line.split(separator: " ").map(String.init)
            guard let verb = words.first?.lowercased(), ["отчёт", "отчет", "report"].contains(verb) else { continue }
            if let day = words.dropFirst().first.flatMap(Self.isoDay(fromRussian:)) { selection = .acceptedBefore(day) }
            break
        }
        let triedValues = context.grammar.read(text).contains { if case .registration = $0 { false } else { true } }
        let note = triedValues ? "Координатор не может вносить или менять значения: значения из вашего письма не записаны." : nil
        _ = try enqueueDigest(
            to: sender.contact, selection: selection, note: note, answering: (inboundID, message.messageID, message.references),
            tx: tx, now: now)
        try tx.finishInbound(id: inboundID, outcome: .applied, detail: "report requested", contactID: sender.contact.id, at: now)
    }

    /// `01.12.2019` → `2019-12-01`, or nil.
    static func isoDay(fromRussian text: String) -> String? {
        let parts = text.split(separator: ".")
        guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4 else { return nil }
        let iso = "\(parts[2])-\(parts[1])-\(parts[0])"
        return RoundDates.isValid(iso) ? iso : nil
    }
}
