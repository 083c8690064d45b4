import Foundation
import IndigateStore

/// `indigate backup FILE` and `indigate restore FILE`: the database as a consistent snapshot,
/// with the token secret (current and retired) inside it — without the secret every token in
/// the field would stop working after a restore.
package enum Backup {
    static let secretKey = "secret"
    static let previousKey = "secret.previous"

    /// Writes a backup of the running installation to `path`.
    package static func make(_ gateway: Gateway, to path: String) throws {
        var extras: [String: String] = [:]
        let secret = gateway.config.secretFile
        guard let current = FileManager.default.contents(atPath: secret) else {
            throw ConfigError(file: secret, message: "cannot read the secret file to back it up")
        }
        extras[secretKey] = String(decoding: current, as: UTF8.self)
        if let previous = FileManager.default.contents(atPath: secret + ".previous") {
            extras[previousKey] = String(decoding: previous, as: UTF8.self)
        }
        try gateway.admin.store.backup(to: path, extras: extras)
    }

    /// Restores `path` into the configured database and secret, neither of which may exist.
    package static func restore(_ config: IndigateConfig, from path: String) throws {
        guard !FileManager.default.fileExists(atPath: config.secretFile) else {
            throw ConfigError(
                file: config.secretFile, message: "a secret is there: move it aside with the database; restore never overwrites one")
        }
        let extras = try Store.restore(from: path, to: config.database)
        guard let secret = extras[secretKey] else {
            throw ConfigError(file: path, message: "the backup holds no secret: it was not made by `indigate backup`")
        }
        try Secret.write(secret, to: config.secretFile, exclusive: true)
        if let previous = extras[previousKey] { try Secret.write(previous, to: config.secretFile + ".previous", exclusive: true) }
    }
}
