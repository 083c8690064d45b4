import Crypto
import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore
import Logging

/// The application: the store, the templates, the secret and the MIME tools, and every
/// operation the CLI and the daemon run (in the extensions beside this file).
public final class Gateway: Sendable {
    public let config: IndigateConfig
    public let store: Store
    let templates: Templates
    /// The HMAC secret's bytes (SymmetricKey is not Sendable on Linux; one is made per use).
    let secretBytes: [UInt8]
    /// Secrets retired by `secret rotate`, still accepted during the grace period.
    let retiredSecrets: [Secret.Retired]
    let calendar: RegionalCalendar
    let parsing: any MessageParsing
    let composer = MessageComposer()
    let logger: Logger

    /// Opens the store (creating and migrating it), the templates and the secret.
    /// - Parameter parsing: how messages are parsed; GMime in this process when nil (the
    ///   daemon passes an `IsolatedParser`).
    public init(config: IndigateConfig, logger: Logger, parsing: (any MessageParsing)? = nil) throws {
        self.config = config
        self.logger = logger
        guard let zone = config.timeZone else { throw ConfigError(file: "config", message: "bad timezone") }
        calendar = RegionalCalendar(timeZone: zone)
        templates = try Templates(directory: config.templates)
        secretBytes = try Secret.loadOrCreate(path: config.secretFile)
        retiredSecrets = Secret.retired(path: config.secretFile)
        store = try Store(path: config.database)
        self.parsing = parsing ?? InProcessParser(limits: config.mimeLimits)
    }

    var secret: SymmetricKey { SymmetricKey(data: secretBytes) }

    /// The secrets a token may be signed with at `now`: the current one, then retired ones
    /// within `tokens.rotation_grace_days` of their retirement.
    func acceptedSecrets(at now: Date) -> [SymmetricKey] {
        let grace = TimeInterval(config.tokens.rotationGraceDays) * 86_400
        return [secret] + retiredSecrets.filter { now.timeIntervalSince($0.retiredAt) <= grace }.map { SymmetricKey(data: $0.bytes) }
    }

    /// The gateway's domain, for Message-IDs.
    var domain: String {
        String(config.gateway.address.split(separator: "@").last ?? "indigate.invalid")
    }
}
