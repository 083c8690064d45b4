import Foundation
import IndigateStore
import IndigateTransport

/// Builds the transports the configuration names.
package struct Transports: Sendable {
    let config: IndigateConfig
    /// Where the IMAP source keeps UIDVALIDITY and the last UID.
    let state: any IMAPSource.StateKeeper

    init(config: IndigateConfig, store: Store) {
        self.init(config: config, state: IMAPStateKeeper(store: store))
    }

    init(config: IndigateConfig, state: any IMAPSource.StateKeeper) {
        self.config = config
        self.state = state
    }

    /// The inbound source the configuration names.
    /// - Parameter stop: ends its transfers when raised (the daemon's, at shutdown).
    package func inboundSource(stop: TransferStop = TransferStop()) throws -> any InboundSource {
        let endpoint = config.effective.transport.inbound
        switch endpoint.kind {
        case "imap":
            return IMAPSource(
                settings: IMAPSource.Settings(
                    url: endpoint.url ?? "", username: endpoint.username ?? "", password: try password(endpoint),
                    folder: endpoint.folder ?? "INBOX",
                    processedFolder: endpoint.processedFolder.flatMap { $0.isEmpty ? nil : $0 },
                    startTLS: endpoint.startTLS ?? "opportunistic", timeoutSeconds: endpoint.timeoutSeconds ?? 60, stop: stop),
                state: state, limits: InboundLimits(messageBytes: config.limits.messageBytes))
        default:
            return try MaildirInbox(
                path: endpoint.path ?? "var/mail/inbox", limits: InboundLimits(messageBytes: config.limits.messageBytes))
        }
    }

    /// The outbound transport the configuration names.
    /// - Parameter stop: ends its transfers when raised (the daemon's, at shutdown).
    package func outboundTransport(stop: TransferStop = TransferStop()) throws -> any OutboundTransport {
        let endpoint = config.effective.transport.outbound
        switch endpoint.kind {
        case "smtp":
            return SMTPTransport(
                settings: SMTPTransport.Settings(
                    url: endpoint.url ?? "", startTLS: endpoint.startTLS ?? "opportunistic", username: endpoint.username,
                    password: endpoint.username == nil ? nil : try password(endpoint), authMechanism: endpoint.auth ?? "PLAIN",
                    helo: endpoint.helo ?? "localhost", timeoutSeconds: endpoint.timeoutSeconds ?? 60, stop: stop))
        default:
            return try MaildirOutbox(path: endpoint.path ?? "var/mail/outbox")
        }
    }

    /// A transport password, from its file (first line).
    func password(_ endpoint: IndigateConfig.Endpoint) throws -> String {
        guard let file = endpoint.passwordFile else { return "" }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigError(file: file, message: "cannot read the password file")
        }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    }
}

/// Keeps IMAP's UIDVALIDITY and last UID in SQLite.
struct IMAPStateKeeper: IMAPSource.StateKeeper {
    let store: Store

    func load(folder: String) throws -> (uidValidity: UInt32, lastUID: UInt32)? {
        try store.read { try $0.imapState(folder: folder) }
    }

    func save(folder: String, uidValidity: UInt32, lastUID: UInt32) throws {
        try store.write { try $0.saveIMAPState(folder: folder, uidValidity: uidValidity, lastUID: lastUID) }
    }
}
