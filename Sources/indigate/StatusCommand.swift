import ArgumentParser
import Foundation
import IndigateApp
import IndigateCore
import IndigateStore
import IndigateTransport

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Counts, the passes' last success, waiting and failed letters, quarantine, skipped inbox entries.")
    @OptionGroup var options: CommonOptions
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "For monitoring: one line, exit 0 (ok), 1 (warning) or 2 (critical).") var check = false

    func run() throws {
        let gateway = try options.gateway()
        let health = try gateway.admin.health(
            now: options.clock(), pollSeconds: gateway.config.schedule.pollSeconds,
            inboxProblems: try gateway.transports.inboundSource().problems())
        if json { return try Output.json(health) }
        if check {
            let counts = health.counts
            Output.line(
                "INDIGATE \(health.level.rawValue.uppercased()) - "
                    + (health.problems.isEmpty ? "" : health.problems.joined(separator: "; ") + "; ")
                    + "queued \(counts.outbox["queued", default: 0] + counts.outbox["deferred", default: 0]), "
                    + "quarantine \(counts.quarantine)")
            throw ExitCode(health.level.exitCode)
        }
        let status = health.counts
        let time = { (date: Date?) in date.map { RegionLogHandler.timestamp($0, in: gateway.config.timeZone ?? .current) } ?? "never" }
        Output.line("indigate \(health.version): \(health.level.rawValue)" + (health.problems.isEmpty ? "" : " (" + health.problems.joined(separator: "; ") + ")"))
        Output.line("organisations: \(status.organizations)")
        Output.line("contacts: " + status.contacts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        Output.line("indicators: \(status.indicators)")
        Output.line("rounds: " + (status.rounds.isEmpty ? "none" : status.rounds.joined(separator: ", ")))
        Output.line("values: " + status.values.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        Output.line("documents: \(status.documents)")
        Output.line("inbound: " + status.inbound.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        Output.line("outbox: " + status.outbox.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        Output.line("quarantine: \(status.quarantine)")
        Output.line("last poll: \(time(health.lastPoll)), last flush: \(time(health.lastFlush)), last tick: \(time(health.lastTick))")
        if let oldest = health.oldestWaitingLetter { Output.line("oldest waiting letter: \(time(oldest))") }
        let problems = health.inboxProblems
        if !problems.isEmpty {
            Output.line(
                "inbox: \(problems.count) entries skipped: "
                    + problems.map { "\(QuotedText.clean($0.entry, limit: 80)) (\($0.reason))" }.joined(separator: ", "))
        }
    }
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
