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
            for (row, error, subject) in try options.gateway().admin.outbox(state: wanted) {
                Output.line(
                    "\(row.id)\t\(row.state.rawValue)\t\(row.attempts)\t\(row.recipient)\t\(QuotedText.clean(subject, limit: 120))\t"
                        + QuotedText.clean(error ?? "", limit: 200))
            }
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
