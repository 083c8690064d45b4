import ArgumentParser
import Foundation
import IndigateApp
import IndigateCore

struct QuarantineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine", abstract: "Messages set aside: list, release or drop them.",
        subcommands: [List.self, Release.self, Drop.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open quarantine entries.")
        @OptionGroup var options: CommonOptions
        @Flag(help: "Include released and dropped entries.") var all = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let gateway = try options.gateway()
            let entries = try gateway.admin.quarantineEntries(all: all)
            if json { return try Output.json(entries) }
            var table = Table("ENTRY", "SINCE", "REASON", "STATE", "FROM", "SUBJECT", timeZone: gateway.config.timeZone ?? .current)
            for entry in entries {
                let state =
                    entry.releasedAt.map { "released \(table.time($0))" } ?? entry.droppedAt.map { "dropped \(table.time($0))" } ?? "open"
                table.add(
                    "\(entry.id)", table.time(entry.createdAt), entry.reason, state,
                    QuotedText.clean(entry.from ?? "-", limit: 80), QuotedText.clean(entry.subject ?? "", limit: 80))
            }
            let empty = all ? "the quarantine has never held a message" : "no open quarantine entries"
            for line in table.lines(empty: empty) { Output.line(line) }
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Handle a quarantined message as if its sender were verified.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The entry's number.") var id: Int64

        func run() throws {
            let outcome = try options.gateway().admin.releaseQuarantine(id: id, by: "cli", now: options.clock())
            Output.line(IngestCommand.describe(outcome))
        }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close an entry without handling it (the message stays archived).")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The entry's number.") var id: Int64

        func run() throws {
            try options.gateway().admin.dropQuarantine(id: id, by: "cli", now: options.clock())
            Output.line("dropped \(id)")
        }
    }
}

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Reply tokens.", subcommands: [Revoke.self])

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Void every token issued to a contact or an organisation.")
        @OptionGroup var options: CommonOptions
        @Option(help: "The contact's address.") var contact: String?
        @Option(help: "The organisation's INN.") var org: String?

        func validate() throws {
            if contact == nil && org == nil { throw ValidationError("give --contact or --org") }
        }

        func run() throws {
            let count = try options.gateway().admin.revokeTokens(contact: contact, organization: org, now: options.clock())
            Output.line("revoked the tokens of \(count) contact(s)")
        }
    }
}

struct SecretCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret", abstract: "The HMAC secret of reply tokens.", subcommands: [Rotate.self])

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new secret; tokens of the old one keep working for tokens.rotation_grace_days.")
        @OptionGroup var options: CommonOptions

        func run() throws {
            let config = try ConfigLoader.load(path: options.config)
            try Secret.rotate(path: config.secretFile, now: options.clock())
            Output.line("rotated; the old secret is accepted for \(config.tokens.rotationGraceDays) more days")
        }
    }
}

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Operators' review letters.", subcommands: [Send.self])

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send review letters now for every submission not yet listed, whatever review.batch says.")
        @OptionGroup var options: CommonOptions

        func run() throws {
            Output.line(
                "review letters queued: \(try options.gateway().scheduler.reviewLetters.send(now: options.clock(), force: true))")
        }
    }
}
