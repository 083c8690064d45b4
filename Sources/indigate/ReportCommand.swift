import ArgumentParser
import Foundation
import IndigateApp
import IndigateCore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Coordinators' reports: start of work, provided data, completeness.")

    @OptionGroup var options: CommonOptions
    @Argument(help: "start, data or completeness.") var kind: String
    @Option(help: "Last accepted values before this day (YYYY-MM-DD), as the portal's «До 01.12.2019».") var asOf: String?
    @Flag(help: "New (unreviewed) values instead of the last accepted ones.") var new = false
    @Option(help: "A past round (YYYY-MM): the newest value of each indicator sent in it, and its completeness.")
    var round: String?
    @Option(help: "One municipality («Миасский ГО»); the whole region when omitted.") var municipality: String?
    @Option(help: "text, csv, json or html.") var format = "text"

    func validate() throws {
        guard ReportKind(rawValue: kind) != nil else { throw ValidationError("the report is start, data or completeness") }
        guard ["text", "csv", "json", "html"].contains(format) else {
            throw ValidationError("--format is text, csv, json or html")
        }
        if let asOf, asOf.split(separator: "-").count != 3 { throw ValidationError("--as-of must be YYYY-MM-DD") }
        if let round, RoundDates.isoMonth(from: round) != round { throw ValidationError("--round must be YYYY-MM") }
        if [new, asOf != nil, round != nil].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --new, --as-of and --round")
        }
    }

    func run() throws {
        let gateway = try options.gateway()
        let selection: ValueSelection =
            new ? .new : asOf.map { .acceptedBefore($0) } ?? round.map { .round($0) } ?? .lastAccepted
        let scope: ReportScope = municipality.map { .municipality($0) } ?? .region
        Output.bytes(
            try gateway.reportRenderer.render(
                ReportKind(rawValue: kind)!, scope: scope, selection: selection, format: format, now: options.clock()))
    }
}

struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest", abstract: "Coordinators' digests.", subcommands: [Send.self])

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send every coordinator their digest now.")
        @OptionGroup var options: CommonOptions

        func run() throws {
            Output.line("digests queued: \(try options.gateway().scheduler.digests.send(now: options.clock(), force: true))")
        }
    }
}
