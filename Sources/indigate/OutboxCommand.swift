import ArgumentParser
import Foundation
import IndigateApp
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
            let gateway = try options.gateway()
            let wanted = try state.map { text -> OutboxState in
                guard let state = OutboxState(rawValue: text) else { throw ValidationError("unknown state \(text)") }
                return state
            }
            let rows = try gateway.store.read { try $0.outboxRows(state: wanted) }
                .filter { wanted != nil || $0.row.state != .sent }
            for (row, error, subject) in rows {
                print("\(row.id)\t\(row.state.rawValue)\t\(row.attempts)\t\(row.recipient)\t\(subject)\t\(error ?? "")")
            }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a failed or deferred letter again now (all failed ones without an id).")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The outbox row's id.") var id: Int64?

        func run() throws {
            let gateway = try options.gateway()
            let now = options.clock()
            let count = try gateway.store.write { try $0.retryOutbox(id: id, at: now) }
            print("queued again: \(count)")
        }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give up on a letter (it stays recorded, marked failed).")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The outbox row's id.") var id: Int64

        func run() throws {
            let gateway = try options.gateway()
            guard try gateway.store.write({ try $0.dropOutbox(id: id) }) else { throw ValidationError("no unsent outbox row \(id)") }
            print("dropped \(id)")
        }
    }
}
