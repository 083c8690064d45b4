import Crypto
import Foundation
import IndigateCore
import IndigateStore

extension Gateway {
    /// A school's (or МОУО's) reply: reads the values and documents, stores a version per good
    /// line, updates the contact's details, and queues one receipt that says what happened to
    /// every line and attachment and what is still missing.
    func applyRespondentReply(
        _ message: ParsedMessage, inboundID: Int64, contact: StoredContact, roundID: Int64,
        context: HandlingContext, tx: StoreTransaction, now: Date
    ) throws {
        guard let organization = try tx.organization(id: contact.organizationID),
            let round = try tx.round(id: roundID)
        else { throw RoundError(message: "the token's round or organisation is gone") }
        let catalogue = context.catalogue
        let assigned = Set(
            catalogue.indicators
                .filter { round.indicatorCodes.contains($0.code) && $0.participants.includes(organization.organization) }
                .map(\.code))
        let existing = try tx.latestValues(organizationID: organization.id, roundID: round.id)
        let late = isLate(round: round, now: now)
        let locked = lockedCodes(existing: existing, round: round, now: now)

        // 1. Lines: grammar, then the checks that need the store.
        let newText = ([message.text] + message.forwardedTexts).map(ReplyText.newText(of:)).joined(separator: "\n")
        var lines = context.grammar.read(newText).map { line -> ReplyLine in
            guard case .value(let code, let text, _) = line else { return line }
            if !assigned.contains(code) { return .invalid(code: code, text: text, problem: .notAssigned) }
            if locked.contains(code) {
                return .invalid(code: code, text: text, problem: .locked(nextDataAfter: RoundDates.display(round.nextDataAfter)))
            }
            return line
        }
        let lines0 = lines
        var values: [String: Value] = [:]
        for case .value(let code, _, let value) in lines { values[code] = value }

        // 2. Attachments.
        let needing = Set(values.filter { catalogue.indicator(code: $0.key)?.requiresDocument(for: $0.value) == true }.keys)
        var dispositions = DocumentMatcher.match(
            message.attachments.map { ($0.fileName, $0.looksLikePDF) }, assigned: assigned,
            known: Set(catalogue.indicators.map(\.code)), valuesNeedingDocument: needing)
        var attachmentNotes: [String] = []
        var documents: [String: (id: Int64, name: String)] = [:]
        for (index, attachment) in message.attachments.enumerated() {
            let shownName = attachment.fileName.isEmpty ? "без имени" : attachment.fileName
            if case .document(let code) = dispositions[index] {
                if attachment.bytes.count > config.limits.documentBytes {
                    attachmentNotes.append("«\(shownName)» — не принят: файл больше \(config.limits.documentBytes / 1_048_576) МБ")
                    dispositions[index] = .unmatched
                    continue
                }
                if PDFCheck.isEncrypted(attachment.bytes) {
                    attachmentNotes.append("«\(shownName)» — не принят: PDF защищён паролем; пришлите файл без пароля")
                    continue
                }
                if documents[code] != nil || locked.contains(code) {
                    attachmentNotes.append(
                        "«\(shownName)» — не принят: "
                            + (locked.contains(code) ? "ввод по показателю \(code) запрещен" : "для показателя \(code) в письме уже есть документ"))
                    continue
                }
                let digest = SHA256.hash(data: attachment.bytes).map { String(format: "%02x", $0) }.joined()
                let id = try tx.addDocument(
                    bytes: attachment.bytes, sha256: digest, fileName: attachment.fileName, inboundID: inboundID,
                    organizationID: organization.id, indicatorCode: code, roundID: round.id, at: now)
                documents[code] = (id, shownName)
            } else {
                attachmentNotes.append("«\(shownName)» — " + Self.attachmentNote(dispositions[index]))
            }
        }

        // 3. Values: a new version per good line.
        var outcomes: [[String: Any]] = []
        for line in lines {
            switch line {
            case .value(let code, let text, let value):
                let indicator = catalogue.indicator(code: code)!
                let needsDocument = indicator.requiresDocument(for: value)
                let document = documents[code]?.id
                let state: ValueState = needsDocument && document == nil ? .saved : .review
                _ = try tx.addValue(
                    organizationID: organization.id, indicatorCode: code, roundID: round.id, contactID: contact.id,
                    inboundID: inboundID, state: state, value: value, documentID: needsDocument ? document : nil,
                    late: late, at: now)
                var outcome = state == .review ? "отправлено на проверку" : "сохранено; ожидается документ (PDF): \(indicator.document ?? "")"
                if case .percentage = value { outcome = "\(value.russianText) — " + outcome }
                if late { outcome += " (после срока)" }
                outcomes.append(["text": text, "outcome": outcome, "ok": true])
            case .invalid(_, let text, let problem):
                outcomes.append(["text": text, "outcome": "ошибка: " + problem.russianText, "ok": false])
            case .registration(let field, let text, let value):
                try tx.updateContactDetail(contactID: contact.id, field: field, value: value)
                outcomes.append(["text": text, "outcome": "контактные данные сохранены", "ok": true])
            }
        }
        // 4. Documents that complete a value saved earlier.
        for (code, (documentID, name)) in documents.sorted(by: { $0.key < $1.key }) where values[code] == nil {
            if let waiting = existing[code], waiting.state == .saved {
                try tx.attachDocument(valueID: waiting.id, documentID: documentID)
                attachmentNotes.append("«\(name)» — документ к показателю \(code); значение \(waiting.value.russianText) отправлено на проверку")
            } else {
                attachmentNotes.append("«\(name)» — документ к показателю \(code) сохранён, но значения по нему нет: напишите значение, например «\(code): …», и приложите документ ещё раз")
            }
        }
        for (code, (_, name)) in documents.sorted(by: { $0.key < $1.key }) where values[code] != nil {
            attachmentNotes.append("«\(name)» — документ к показателю \(code)")
        }
        lines.removeAll()

        // 5. The receipt.
        let after = try tx.latestValues(organizationID: organization.id, roundID: round.id)
        let summary = RoundSummary(
            round: round, indicators: catalogue.indicators.filter { assigned.contains($0.code) }, latest: after,
            calendar: calendar)
        let refreshed = try tx.contact(id: contact.id) ?? contact
        var receipt = summary.context(for: organization.organization)
        receipt["receivedAt"] = calendar.dateTime(now)
        receipt["lines"] = outcomes
        receipt["hasLines"] = !outcomes.isEmpty
        receipt["attachments"] = attachmentNotes.map { ["note": $0] }
        receipt["hasAttachments"] = !attachmentNotes.isEmpty
        receipt["examples"] = RequestLetter.examples(catalogue.indicators.filter { assigned.contains($0.code) }).map { ["line": $0] }
        receipt["askRegistration"] = refreshed.contact.personName.isEmpty
        let envelope = LetterEnvelope(
            purpose: .receipt, tokenPurpose: .receipt, contact: refreshed, organization: organization,
            roundID: round.id, tokenSubjectID: round.id, answering: (inboundID, message.messageID, message.references))
        let asksStatus = newText.split(whereSeparator: \.isNewline).contains {
            ["статус", "status"].contains($0.trimmingCharacters(in: .whitespaces).lowercased())
        }
        if asksStatus {
            // The school's own view, as the portal's tabs, in one letter.
            var status = receipt.merging(summary.tabs()) { $1 }
            status["month"] = calendar.monthTitle(round.month)
            var statusEnvelope = envelope
            statusEnvelope.purpose = .notice
            try enqueue(statusEnvelope, template: "status", context: status, html: false, in: tx, now: now)
        }
        if !asksStatus || !outcomes.isEmpty || !attachmentNotes.isEmpty {
            // A receipt that records nothing (only errors, or no values) goes to a sender at most
            // once a day for the same errors: an auto-responder that slipped through cannot
            // ping-pong with us. A different mistake gets its own answer.
            let recordedSomething = !values.isEmpty || !documents.isEmpty
                || outcomes.contains { ($0["ok"] as? Bool) == true }
            var reason: String?
            if !recordedSomething {
                let problems = Set(lines0.compactMap { line -> String? in
                    guard case .invalid(_, _, let problem) = line else { return nil }
                    return String(String(describing: problem).prefix { $0 != "(" })
                })
                reason = "error-receipt:" + (problems.isEmpty ? "no-values" : problems.sorted().joined(separator: ","))
            }
            if let reason, try tx.sentNotice(reason: reason, to: refreshed.contact.email, since: now.addingTimeInterval(-86_400)) {
                try tx.audit(actor: "indigate", action: "receipt-suppressed", detail: "\(reason) to contact \(contact.id)", at: now)
            } else {
                try enqueue(envelope, template: "receipt", context: receipt, html: false, reason: reason, in: tx, now: now)
            }
        }
        try tx.finishInbound(
            id: inboundID, outcome: .applied, detail: "\(values.count) values, \(documents.count) documents",
            contactID: contact.id, at: now)
    }

    /// After the deadline day has ended in the region.
    func isLate(round: StoredRound, now: Date) -> Bool {
        guard let start = calendar.startOfDay(round.deadline) else { return false }
        return now >= start.addingTimeInterval(86_400)
    }

    /// Codes whose value was accepted in this round while the next-data date has not passed.
    func lockedCodes(existing: [String: StoredValue], round: StoredRound, now: Date) -> Set<String> {
        guard let nextData = calendar.startOfDay(round.nextDataAfter), now < nextData.addingTimeInterval(86_400)
        else { return [] }
        return Set(existing.values.filter { $0.state == .accepted }.map(\.indicatorCode))
    }

    static func attachmentNote(_ disposition: DocumentMatcher.Disposition) -> String {
        switch disposition {
        case .document(let code): "документ к показателю \(code)"
        case .notAssigned(let code): "не принят: показатель \(code) не запрашивается у вашей организации"
        case .unmatched:
            "не принят: непонятно, к какому показателю относится файл. Начните имя файла с кода показателя, например «1.1 приказ.pdf», и пришлите его ещё раз"
        case .outlookContainer:
            "не принят: это служебный файл Outlook (winmail.dat), документ в нём не прочитать. Сохраните документ в PDF и приложите как обычный файл; в Outlook выберите формат письма «Обычный текст» или HTML"
        case .brokenPDF: "не принят: файл повреждён или не является PDF; сохраните документ в PDF заново"
        case .notPDF: "не принят: принимаются только документы в формате PDF"
        }
    }
}

/// Checks on a PDF's bytes beyond its signature.
enum PDFCheck {
    /// Whether the PDF declares encryption (an /Encrypt entry in its trailer).
    static func isEncrypted(_ bytes: [UInt8]) -> Bool {
        let needle = Array("/Encrypt".utf8)
        let tail = bytes.suffix(64 * 1024)
        return tail.indices.contains { tail[$0...].starts(with: needle) }
    }
}
