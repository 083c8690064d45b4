import ArgumentParser
import Foundation
import IndigateApp
import IndigateCore
import IndigateStore

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Letters on their way out: list, retry or drop them.",
        subcommands: [List.self, Retry.self, Drop.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Outbox rows, by state.")
        @OptionGroup var options: CommonOptions
        @Option(help: "queued, sending, sent, deferred or failed (default: all but sent).") var state: String?

        func run() throws {
            let wanted = try state.map { text -> OutboxState in
                guard let state = OutboxState(rawValue: text) else { throw ValidationError("unknown state \(text)") }
                return state
            }
            let gateway = try options.gateway()
            var table = Table(
                "ID", "STATE", "TRIES", "QUEUED", "NEXT ATTEMPT", "TO", "SUBJECT", "LAST ERROR",
                timeZone: gateway.config.timeZone ?? .current)
            for (row, error, subject) in try gateway.admin.outbox(state: wanted) {
                let next = row.state == .queued || row.state == .deferred ? table.time(row.nextAttemptAt) : "-"
                table.add(
                    "\(row.id)", row.state.rawValue, "\(row.attempts)", table.time(row.queuedAt), next,
                    QuotedText.clean(row.recipient, limit: 80), QuotedText.clean(subject, limit: 80),
                    QuotedText.clean(error ?? "", limit: 160))
            }
            let what = wanted.map { "no \($0.rawValue) letters" } ?? "no letters waiting: the outbox is empty"
            for line in table.lines(empty: what) { Output.line(line) }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue a failed or deferred letter again now (all failed ones without an id).")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The outbox row's id.") var id: Int64?

        func run() throws {
            Output.line("queued again: \(try options.gateway().admin.retryOutbox(id: id, by: "cli", now: options.clock()))")
        }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give up on a letter (it stays recorded, marked failed).")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The outbox row's id.") var id: Int64

        func run() throws {
            try options.gateway().admin.dropOutbox(id: id, by: "cli", now: options.clock())
            Output.line("dropped \(id)")
        }
    }
}
