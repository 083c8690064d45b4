import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import Logging

/// The hot path of one reply, for the micro benchmarks (`Benchmarks/HotPath`): a throwaway
/// installation from the given configuration opens a round, and a school answers its request
/// letter as a mail client would (text and HTML, top-posted values for every indicator it was
/// asked, the letter quoted below). `parseAndInterpret` is what a parse worker and Interpret do
/// with such a reply; `composeReceipt` is what the Outbox does to answer it.
package final class HotPath: Sendable {
    /// The school's reply, as it arrives.
    package let reply: [UInt8]
    let directory: String
    let parser: MessageParser
    let context: RespondentContext
    let answeredRound: Round
    /// The reply's plan, which the receipt tells.
    let plan: RespondentPlan
    let letters: LetterWriter
    let calendar: RegionalCalendar

    package init(configPath: String) throws {
        let config = try ConfigLoader.load(path: configPath)
        // Removed when the benchmark exits: each run used to leave one behind.
        directory = ScratchFolders.path("indigate-hotpath")
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var copy = config
        copy.database = directory + "/hotpath.sqlite"
        copy.secretFile = directory + "/secret.key"
        copy.transport.inbound = .init(kind: "maildir", path: directory + "/in")
        copy.transport.outbound = .init(kind: "maildir", path: directory + "/out")
        var logger = Logger(label: "indigate.hotpath")
        logger.logLevel = .critical
        let gateway = try Gateway(config: copy, logger: logger, access: .create)
        let zone = config.timeZone ?? .current
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = zone
        let opened = gregorian.date(from: DateComponents(year: 2020, month: 9, day: 10, hour: 10))!
        _ = try gateway.setup.run(now: opened.addingTimeInterval(-86_400))
        _ = try gateway.scheduler.rounds.open(
            month: "2020-09", deadline: "2020-09-25", nextDataAfter: nil, groups: config.schedule.groups, now: opened)
        let store = gateway.admin.store
        // The daemon's own Apply stage: the context a reply is read in comes from it.
        let flow = gateway.intake.applier.respondent
        // The school asked the most indicators: the longest reply and receipt of the round.
        let (context, request, round) = try store.read { tx -> (RespondentContext, [UInt8], Round) in
            let batch = try BatchContext(tx: tx)
            guard let round = try tx.round(month: "2020-09") else { throw ApplyError(description: "no round") }
            var best: (StoredOrganization, StoredContact, Int)?
            for contact in try tx.contacts(role: .respondent) {
                guard let organization = try tx.organization(id: contact.organizationID) else { continue }
                let count = batch.catalogue.indicators(for: organization.organization, in: round).count
                if count > (best?.2 ?? 0) { best = (organization, contact, count) }
            }
            guard let (organization, contact, _) = best, let letter = try tx.outboxRows(recipient: contact.contact.email).last
            else { throw ApplyError(description: "no school was asked anything") }
            return (try flow.context(of: organization, in: round, batch: batch, tx: tx, now: opened), letter.raw, round)
        }
        let parser = MessageParser(limits: config.mimeLimits)
        let reply = try Self.reply(to: parser.parse(request), indicators: context.standing.indicators.map(\.indicator))
        self.reply = reply
        self.parser = parser
        self.context = context
        plan = RespondentInterpreter.plan(try parser.parse(reply), context: context)
        answeredRound = round
        letters = flow.letters
        calendar = flow.calendar
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Parses the reply with GMime (as a parse worker does, PDFs inspected) and plans it:
    /// returns the number of lines read, so the work cannot be optimised away.
    package func parseAndInterpret() throws -> Int {
        let message = DocumentInspection.inspect(try parser.parse(reply))
        return RespondentInterpreter.plan(message, context: context).lines.count
    }

    /// Renders and composes the reply's receipt (the letter's bytes, as queued): returns its size.
    package func composeReceipt() throws -> Int {
        let now = answeredRound.openedAt.addingTimeInterval(86_400)
        let view = ReceiptView(
            plan: plan, organization: context.organization, catalogue: context.catalogue, standing: context.standing,
            answeredRound: answeredRound, receivedAt: now, askRegistration: false, deadlinePassed: false,
            calendar: calendar)
        return try letters.compose(view, to: context.organization.shortName, address: "school@hotpath.invalid", now: now)
            .count
    }

    /// A reply as Thunderbird writes one: values on top, the request quoted below, text and HTML.
    static func reply(to request: ParsedMessage, indicators: [Indicator]) throws -> [UInt8] {
        let values = indicators.enumerated().map { index, indicator in
            switch indicator.type {
            case .numeric: "\(indicator.code): \(index * 7 + 3)"
            case .yesno: "\(indicator.code): да"
            case .percentage: "\(indicator.code): \(index + 10) / 300"
            }
        }
        let text =
            (["Добрый день!", "Направляем данные за сентябрь.", ""] + values + [
                "", "С уважением,", "Иванова М. П., секретарь", "",
            ])
            .joined(separator: "\n")
            + "\n\(request.from.first ?? "") пишет:\n"
            + request.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
        let html =
            "<html><body><div>"
            + text.split(separator: "\n", omittingEmptySubsequences: false)
            .map {
                $0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
                    of: ">", with: "&gt;")
            }.joined(separator: "<br>") + "</div></body></html>"
        let outgoing = OutgoingLetter(
            fromName: "Школа", fromAddress: "school@hotpath.invalid", toName: "",
            toAddress: request.replyTo.first ?? "", replyTo: "school@hotpath.invalid", subject: "Re: " + request.subject,
            messageID: "hotpath.reply@hotpath.invalid", inReplyTo: request.messageID, references: [],
            date: Date(timeIntervalSince1970: 1_600_000_000), utcOffsetSeconds: 5 * 3600, headers: [],
            text: text, html: html, attachments: [])
        return try MessageComposer().compose(outgoing)
    }
}
