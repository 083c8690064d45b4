import ArgumentParser
import IndigateCore
import IndigateStore
import IndigateTransport

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Counts of organisations, contacts, rounds, values by state, outbox by state, quarantine.")
    @OptionGroup var options: CommonOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let gateway = try options.gateway()
        let status = try gateway.admin.status()
        let problems = try gateway.transports.inboundSource().problems()
        if json {
            try Output.json(StatusJSON(counts: status, inboxProblems: problems))
        } else {
            Output.line("organisations: \(status.organizations)")
            Output.line(
                "contacts: " + status.contacts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            Output.line("indicators: \(status.indicators)")
            Output.line("rounds: " + (status.rounds.isEmpty ? "none" : status.rounds.joined(separator: ", ")))
            Output.line(
                "values: " + status.values.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            Output.line("documents: \(status.documents)")
            Output.line(
                "inbound: " + status.inbound.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            Output.line(
                "outbox: " + status.outbox.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            Output.line("quarantine: \(status.quarantine)")
            if !problems.isEmpty {
                Output.line(
                    "inbox: \(problems.count) entries skipped: "
                        + problems.map { "\(QuotedText.clean($0.entry, limit: 80)) (\($0.reason))" }.joined(separator: ", "))
            }
        }
    }
}

/// `status --json`: the counts, and the inbox entries that are skipped.
struct StatusJSON: Encodable {
    var counts: StoreStatus
    var inboxProblems: [InboundProblem]
}

struct ValuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "values", abstract: "Values with state, date and history.")
    @OptionGroup var options: CommonOptions
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "Only this organisation (INN).") var org: String?
    @Option(help: "Only this round (YYYY-MM).") var round: String?

    func run() throws {
        let gateway = try options.gateway()
        let values = try gateway.admin.values(inn: org, month: round)
        if json {
            try Output.json(values)
        } else {
            for value in values {
                Output.line(
                    "\(value.inn) \(value.round) \(value.indicator): \(value.value) [\(value.state)] \(value.submittedAt)")
            }
        }
    }
}

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview", abstract: "Print a letter as RFC 5322 without sending it.",
        subcommands: [Request.self])

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The request letter an organisation would get.")
        @OptionGroup var options: CommonOptions
        @Option(help: "The organisation's INN.") var org: String

        func run() throws {
            let gateway = try options.gateway()
            Output.bytes(try gateway.scheduler.rounds.preview(inn: org, now: options.clock()))
        }
    }
}
