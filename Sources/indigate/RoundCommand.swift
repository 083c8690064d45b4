import ArgumentParser

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round", abstract: "Manage rounds.", subcommands: [Open.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a round and queue a request letter to every participating respondent.")

        @OptionGroup var options: CommonOptions
        @Option(help: "The month, YYYY-MM.") var month: String
        @Option(help: "The last day values are due, YYYY-MM-DD.") var deadline: String
        @Option(help: "New data are expected after this day, YYYY-MM-DD (default: from the schedule).")
        var nextDataAfter: String?
        @Option(help: "Indicator groups to ask for, comma-separated (default: the schedule's).")
        var groups: String?

        func run() throws {
            let gateway = try options.gateway()
            let groupList =
                groups.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
                ?? gateway.config.schedule.groups(forMonth: month)
            let opened = try gateway.scheduler.rounds.open(
                month: month, deadline: deadline, nextDataAfter: nextDataAfter, groups: groupList, now: options.clock())
            try Output.json(opened)
        }
    }
}
