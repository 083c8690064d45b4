import Foundation
import IndigateStore
import IndigateTransport
import Logging

/// `indigate check`, as `postfix check`: everything an installation needs, looked at without
/// changing it — the catalogue and the organisations list, every template rendered on sample
/// data, the database and the secret with their owners and modes, whether every archived
/// message and document has its bytes, the password files and the Maildirs, and the mail servers
/// reached and logged in to (TLS reported).
package struct InstallationCheck: Sendable {
    let config: IndigateConfig
    let configPath: String
    let logger: Logger

    package init(config: IndigateConfig, configPath: String, logger: Logger) {
        self.config = config
        self.configPath = configPath
        self.logger = logger
    }

    /// Every finding, in the order above; `servers: false` leaves the network alone.
    package func run(servers: Bool = true) -> [CheckFinding] {
        var findings = [file(configPath, "configuration", secret: false)].compactMap { $0 }
        let files = contents(&findings)
        if files { findings += templates() }
        findings += database()
        findings += secret()
        for endpoint in [config.transport.inbound, config.transport.outbound] {
            if let passwordFile = endpoint.passwordFile, let finding = file(passwordFile, "password file", secret: true) {
                findings.append(finding)
            }
            if endpoint.kind == "maildir", let path = endpoint.path { findings.append(maildir(path)) }
        }
        if servers { findings += self.servers() }
        return findings
    }

    /// The catalogue and the organisations list; whether both could be read.
    func contents(_ findings: inout [CheckFinding]) -> Bool {
        var readable = true
        do {
            let catalogue = try CatalogueFile.load(path: config.catalogue)
            findings.append(.ok("catalogue", "\(catalogue.groups.count) groups, \(catalogue.indicators.count) indicators"))
        } catch {
            findings.append(.error("catalogue", "\(error)"))
            readable = false
        }
        do {
            let list = try OrganizationsCSV.load(path: config.organizations)
            let roles = Dictionary(grouping: list.contacts, by: \.role).mapValues(\.count)
            findings.append(
                .ok(
                    "organisations",
                    "\(list.organizations.count) organisations, \(roles[.respondent] ?? 0) respondents, "
                        + "\(roles[.operator] ?? 0) operators, \(roles[.coordinator] ?? 0) coordinators"))
            if roles[.operator] == nil { findings.append(.warning("organisations", "no operator: nobody reviews values")) }
        } catch {
            findings.append(.error("organisations", "\(error)"))
            readable = false
        }
        return readable
    }

    func templates() -> [CheckFinding] {
        do {
            _ = try Templates(directory: config.templates)
            let sample = try SampleLetters(config: config, logger: logger).run()
            var findings: [CheckFinding] = [
                .ok(
                    "templates",
                    "\(sample.rendered.count) letter templates rendered on sample data (\(sample.letters) letters)")
            ]
            findings += sample.blank.map { .error("templates", "\($0) rendered to nothing") }
            findings += sample.unreadable.map { .error("templates", "the letter «\($0)» cannot be read back as MIME") }
            findings += sample.notReached.map { .warning("templates", "\($0) not rendered by the sample round") }
            return findings
        } catch {
            return [.error("templates", "\(error)")]
        }
    }

    func database() -> [CheckFinding] {
        let path = config.database
        guard FileManager.default.fileExists(atPath: path) else {
            return [.error("database", "\(path): no database: run `indigate init`")]
        }
        var findings: [CheckFinding] = []
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if access(folder, W_OK) != 0 {
            findings.append(
                .error("database", "\(folder): not writable by this user (SQLite writes its journal beside the database)"))
        }
        do {
            let store = try Store(path: path, access: .current)
            let status = try store.read { try $0.status() }
            findings.insert(
                .ok(
                    "database",
                    "\(path): schema current, \(status.organizations) organisations, \(status.rounds.count) rounds" + owner(path)),
                at: 0)
            findings.append(Self.archive(try store.checkArchive(), database: path))
        } catch let error as StoreError {
            findings.insert(
                error.setup.map { setup in
                    switch setup {
                    case .needsUpgrade: .error("database", "\(path): made by an older indigate: run `indigate upgrade`")
                    default: .error("database", error.message)
                    }
                } ?? .error("database", "\(error)"), at: 0)
        } catch {
            findings.insert(.error("database", "\(error)"), at: 0)
        }
        if let mode = mode(path), mode & 0o077 != 0 {
            findings.append(.warning("database", "\(path): mode \(String(mode, radix: 8)), readable by others: chmod 600"))
        }
        return findings
    }

    /// Whether every archived message and document has its bytes (`Store.checkArchive`).
    static func archive(_ check: ArchiveCheck, database path: String) -> CheckFinding {
        let counted = "raw messages \(check.messages) (\(check.kept) kept as delivered files), documents \(check.documents)"
        guard check.missingCount == 0 else {
            return .error(
                "archive",
                "\(check.missingCount) without bytes among \(counted) (\(check.missing.joined(separator: ", "))): bring back "
                    + "\(Store.blobFile(of: path)) and \(Store.keptFolder(of: path)) as they were beside the database")
        }
        return .ok("archive", counted + ", every one present")
    }

    func secret() -> [CheckFinding] {
        let path = config.secretFile
        guard FileManager.default.fileExists(atPath: path) else {
            return FileManager.default.fileExists(atPath: config.database)
                ? [.error("secret", "\(path): missing, so every reply token in the field is void: restore it from a backup")]
                : [.warning("secret", "\(path): not there yet: `indigate init` makes it")]
        }
        do {
            _ = try Secret.loadOrCreate(path: path)
            return [.ok("secret", "\(path): mode 600" + owner(path))]
        } catch {
            return [.error("secret", error.message)]
        }
    }

    /// A file that must be readable, and (when `secret`) the owner's only.
    func file(_ path: String, _ name: String, secret: Bool) -> CheckFinding? {
        guard access(path, R_OK) == 0 else {
            return .error(name, "\(path): cannot be read by this user (\(String(cString: strerror(errno))))")
        }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mode = info.st_mode & 0o777
        // Readable by its owner, or by a group this user runs as (root:indigate 0640 is how
        // the deployment guide installs passwords), and by nobody else.
        if secret, mode & 0o007 != 0 || (mode & 0o070 != 0 && info.st_gid != getegid()) {
            return .warning(
                name, "\(path): mode \(String(mode, radix: 8)), readable by others: chmod 600 (or 640 with group indigate)")
        }
        if !secret, mode & 0o022 != 0 {
            return .warning(name, "\(path): mode \(String(mode, radix: 8)), writable by others")
        }
        return secret ? .ok(name, "\(path): mode \(String(mode, radix: 8))" + owner(path)) : .ok(name, path)
    }

    func maildir(_ path: String) -> CheckFinding {
        if FileManager.default.fileExists(atPath: path + "/new") {
            return access(path + "/new", W_OK) == 0 && access(path + "/tmp", W_OK) == 0
                ? .ok("maildir", path) : .error("maildir", "\(path): not writable by this user")
        }
        var ancestor = URL(fileURLWithPath: path).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: ancestor.path), ancestor.path != "/" { ancestor.deleteLastPathComponent() }
        return access(ancestor.path, W_OK) == 0
            ? .ok("maildir", "\(path) (made on first use)")
            : .error("maildir", "\(path) cannot be made: \(ancestor.path) is not writable by this user")
    }

    func servers() -> [CheckFinding] {
        var findings: [CheckFinding] = []
        let transports = Transports(config: config, state: NoIMAPState())
        let inbound = config.transport.inbound
        let outbound = config.transport.outbound
        if inbound.kind == "imap" {
            do {
                guard let source = try transports.inboundSource() as? IMAPSource else { return findings }
                findings.append(.ok("imap", "\(inbound.url ?? ""): " + (try source.probe().summary)))
            } catch {
                findings.append(.error("imap", "\(inbound.url ?? ""): \(error)"))
            }
        }
        if outbound.kind == "smtp" {
            do {
                guard let transport = try transports.outboundTransport() as? SMTPTransport else { return findings }
                findings.append(.ok("smtp", "\(outbound.url ?? ""): " + (try transport.probe().summary)))
            } catch {
                findings.append(.error("smtp", "\(outbound.url ?? ""): \(error)"))
            }
        }
        for (kind, endpoint) in [("imap", inbound), ("smtp", outbound)] where endpoint.kind == kind {
            if endpoint.url?.hasPrefix(kind + "://") == true, endpoint.startTLS == "off",
                !(endpoint.url ?? "").contains("127.0.0.1"), !(endpoint.url ?? "").contains("localhost")
            {
                findings.append(.warning(kind, "TLS is off for a server that is not on this machine: the password goes in clear"))
            }
        }
        return findings
    }

    func mode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : nil
    }

    /// `, owner NAME`, with a warning in it when that is not the user running the check.
    func owner(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "" }
        let name = getpwuid(info.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(info.st_uid)"
        return info.st_uid == geteuid()
            ? ", owner \(name)" : ", owner \(name) (not this user: run the check as the daemon's user)"
    }
}

/// IMAP state for a probe, which takes no message.
struct NoIMAPState: IMAPSource.StateKeeper {
    func load(folder: String) throws -> (uidValidity: UInt32, lastUID: UInt32)? { nil }
    func save(folder: String, uidValidity: UInt32, lastUID: UInt32) throws {}
}
