import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import Logging

/// The wiring: builds every stage from the configuration, each holding only what its job
/// needs — Classify the token secrets, the Outbox's letter writer the templates and the
/// signer, Apply the flows. It holds no behaviour of its own.
///
/// ```
/// intake → parse → classify → interpret → apply → outbox → send
/// ```
package struct Gateway: Sendable {
    package let config: IndigateConfig
    package let logger: Logger
    /// Intake, and the stages after it up to Apply.
    package let intake: Intake
    /// Send: the outbox to the transport.
    package let sender: Sender
    /// Schedule: rounds, review letters, reminders, digests.
    package let scheduler: Scheduler
    package let reports: Reports
    package let reportRenderer: ReportRenderer
    package let admin: Admin
    package let setup: Setup
    package let transports: Transports
    /// The templates each letter rendered, for `indigate check`.
    package let templateUsage: TemplateUsage

    /// Opens the store (as `access` allows: only `init` creates it; only `init`, `upgrade` and
    /// `serve` migrate it), the templates and the secret, and builds the stages.
    /// - Parameter parsing: how messages are parsed; GMime in this process when nil (the
    ///   daemon passes an `IsolatedParser`).
    package init(config: IndigateConfig, logger: Logger, parsing: (any MessageParsing)? = nil, access: Store.Access = .current)
        throws
    {
        // Everything indigate writes — the database, the secret, letters in a Maildir — is the
        // owner's only.
        umask(0o077)
        guard let zone = config.timeZone else { throw ConfigError(file: "config", message: "bad timezone") }
        let calendar = RegionalCalendar(timeZone: zone)
        let clock = RoundClock(calendar: calendar)
        let templates = try Templates(directory: config.templates)
        let secret = try Secret.loadOrCreate(path: config.secretFile)
        let store = try Store(path: config.database, access: access)
        if !store.pendingMigrations.isEmpty {
            logger.notice("database migrated", metadata: ["migrations": "\(store.pendingMigrations.joined(separator: ", "))"])
        }
        let letters = LetterWriter(
            templates: templates, signer: TokenSigner(secretBytes: secret, lifetimeDays: config.tokens.lifetimeDays),
            gateway: config.gateway, region: config.region, bounceAddress: config.bounceAddress, calendar: calendar,
            lettersPerRecipientPerHour: config.limits.lettersPerRecipientPerHour, logger: logger)
        let standings = StandingReader(clock: clock)
        let quarantine = QuarantineDesk()
        let reports = Reports(store: store, calendar: calendar)
        let digestMailer = DigestMailer(reports: reports, letters: letters)
        let refusals = RefusalFlow(letters: letters, calendar: calendar, logger: logger)
        let addresses = AddressDesk(letters: letters, gatewayAddress: config.gateway.address, calendar: calendar)
        let parser = parsing ?? InProcessParser(limits: config.mimeLimits)
        let intake = Intake(
            store: store, parser: parser,
            classifier: Classifier(
                tokens: TokenVerifier(
                    secretBytes: secret, retired: Secret.retired(path: config.secretFile),
                    graceDays: config.tokens.rotationGraceDays),
                gatewayAddress: config.gateway.address, bounceAddress: config.bounceAddress, security: config.security),
            applier: Applier(
                respondent: RespondentFlow(
                    letters: letters, standings: standings, addresses: addresses, documentBytes: config.limits.documentBytes),
                operators: OperatorFlow(
                    letters: letters, standings: standings, quarantine: quarantine, digests: digestMailer,
                    deadlines: DeadlineDesk(letters: letters, standings: standings)),
                coordinator: CoordinatorFlow(digests: digestMailer, addresses: addresses), addresses: addresses,
                refusals: refusals),
            refusals: refusals, batchSize: config.limits.batch, batchBytes: config.limits.effectiveBatchBytes,
            messageBytes: config.limits.messageBytes, logger: logger)
        self.config = config
        self.logger = logger
        self.intake = intake
        sender = Sender(store: store, settings: config.outbox, batchSize: config.limits.batch, logger: logger)
        scheduler = Scheduler(
            store: store,
            rounds: RoundOpener(store: store, letters: letters, schedule: config.schedule, logger: logger),
            reviewLetters: ReviewLetters(
                store: store, letters: letters, settings: config.review, previews: parser, logger: logger),
            reminders: Reminders(store: store, letters: letters, clock: clock, settings: config.reminders, logger: logger),
            digests: Digests(store: store, mailer: digestMailer, settings: config.digests, logger: logger),
            schedule: config.schedule, calendar: calendar, logger: logger)
        self.reports = reports
        reportRenderer = ReportRenderer(reports: reports, templates: templates, gateway: config.gateway, region: config.region)
        templateUsage = templates.usage
        admin = Admin(store: store, intake: intake, quarantine: quarantine, logger: logger)
        setup = Setup(store: store, config: config)
        transports = Transports(config: config, store: store)
    }
}
