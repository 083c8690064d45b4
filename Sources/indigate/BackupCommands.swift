import ArgumentParser
import IndigateApp
import IndigateStore

/// `backup FILE`: a consistent snapshot of the database while the daemon runs (SQLite's online
/// backup API), its blob file's raw mail and documents, the raw mail kept as delivered files,
/// and the token secret inside it.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write a consistent backup of the database, its blobs and the token secret to FILE.")
    @OptionGroup var options: CommonOptions
    @Argument(help: "The backup file to create (mode 0600).") var file: String

    func run() throws {
        try Backup.make(try options.gateway(), to: file)
        Output.line("backed up to \(file)")
    }
}

/// `restore FILE`: the database, its blob file and the secret back from a backup, into an
/// installation whose database and secret have been moved aside (it never overwrites them).
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore the database and the token secret from a backup FILE (stop indigate first).")
    @OptionGroup var options: CommonOptions
    @Argument(help: "A file made by `indigate backup`.") var file: String

    func run() throws {
        let config = try ConfigLoader.load(path: options.config)
        try Backup.restore(config, from: file)
        Output.line(
            "restored \(config.database), its blob file \(Store.blobFile(of: config.database)) and \(config.secretFile) from \(file)"
        )
    }
}
