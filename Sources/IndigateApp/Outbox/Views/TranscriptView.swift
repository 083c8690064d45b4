import Foundation
import IndigateCore

/// The operator's transcript, as debbugs answers control@: each command echoed with its
/// results, the count of errors, or «Команд не найдено» when the reply had none.
struct TranscriptView: Letter {
    static let template = "transcript"

    /// What one action came to, for `phrases/command.txt`.
    enum Result {
        case accepted(Int64)
        case rejected(Int64)
        case unknown(Int64)
        case notInLetter(Int64)
        case superseded(Int64, by: Int64)
        case alreadyDecided(Int64, state: ValueState, by: String, at: Date)
        case awaitingDocument(Int64)
        case nothingListed
        case released(Int64, from: String?)
        case dropped(Int64)
        case noEntry(Int64)
        case alreadyClosed(Int64, released: Bool)
        case archivedInPart(Int64)
        /// The organisation's standing went out in a letter of its own.
        case statusSent(inn: String, organization: String)
        case noOrganization(inn: String)
        /// The digest of this scope went out in a letter of its own.
        case reportSent(scope: String)
        /// `ОТЧЁТ` named no municipality of the region (the name, quoted).
        case noMunicipality(String)
        /// `ПРОДЛИТЬ`: the new date (ДД.ММ.ГГГГ), whom it concerns, how many organisations'
        /// dates moved, letters queued, and how many already had that date or a later one.
        case deadlineExtended(deadline: String, scope: String, organizations: Int, letters: Int, unchanged: Int)
        case deadlineRefused(DeadlineRefusal)
        case problem(CommandProblem)

        var isError: Bool {
            switch self {
            case .accepted, .rejected, .released, .dropped, .statusSent, .reportSent, .deadlineExtended: false
            default: true
            }
        }
    }

    /// Why a deadline was not moved.
    enum DeadlineRefusal {
        case noRound
        case inThePast
        /// Later than the round's next-data date (ДД.ММ.ГГГГ).
        case afterNextData(String)
        /// Not later than the region's deadline.
        case notLater(String)
        /// Every organisation named already has this date or a later one.
        case notLaterForAny(String)
    }

    struct Command {
        var text: String
        var results: [Result]
    }

    var commands: [Command]
    var calendar: RegionalCalendar

    var errors: Int { commands.flatMap(\.results).filter(\.isError).count }
    var decided: Int {
        commands.flatMap(\.results).filter { if case .accepted = $0 { true } else if case .rejected = $0 { true } else { false } }
            .count
    }

    var context: [String: Any] {
        [
            "errors": errors, "decided": decided, "hasCommands": !commands.isEmpty,
            "commands": commands.map { command in
                [
                    "lines": command.text.split(separator: "\n", omittingEmptySubsequences: false).map {
                        ["line": QuotedText.clean(String($0), limit: 300)]
                    },
                    "results": command.results.map(result),
                ] as [String: Any]
            },
        ]
    }

    func result(_ result: Result) -> [String: Any] {
        let all = Flags.commandResults
        var context: [String: Any]
        switch result {
        case .accepted(let id), .rejected(let id), .unknown(let id), .notInLetter(let id), .awaitingDocument(let id),
            .dropped(let id), .noEntry(let id), .archivedInPart(let id):
            context = Flags.only(key(result), among: all)
            context["id"] = id
        case .superseded(let id, let newer):
            context = Flags.only("superseded", among: all, with: ["newer": newer])
            context["id"] = id
        case .alreadyDecided(let id, let state, let by, let at):
            context = Flags.only(
                "alreadyDecided", among: all,
                with: ["accepted": state == .accepted, "by": QuotedText.clean(by, limit: 100), "at": calendar.dateTime(at)])
            context["id"] = id
        case .nothingListed:
            context = Flags.only("nothingListed", among: all)
        case .released(let id, let from):
            context = Flags.only("released", among: all, with: ["from": from.map { QuotedText.quote($0, limit: 120) } ?? "—"])
            context["id"] = id
        case .alreadyClosed(let id, let released):
            context = Flags.only("alreadyClosed", among: all, with: ["released": released])
            context["id"] = id
        case .statusSent(let inn, let organization):
            context = Flags.only("statusSent", among: all, with: ["inn": inn, "organization": organization])
        case .noOrganization(let inn):
            context = Flags.only("noOrganization", among: all, with: ["inn": inn])
        case .reportSent(let scope):
            context = Flags.only("reportSent", among: all, with: ["scope": scope])
        case .noMunicipality(let name):
            context = Flags.only("noMunicipality", among: all, with: ["name": name])
        case .deadlineExtended(let deadline, let scope, let organizations, let letters, let unchanged):
            context = Flags.only(
                "deadlineExtended", among: all,
                with: [
                    "deadline": deadline, "scope": scope, "organizations": organizations, "letters": letters,
                    "unchanged": unchanged > 0 ? ["count": unchanged] : false,
                ])
        case .deadlineRefused(let refusal):
            let reasons = ["noRound", "inThePast", "afterNextData", "notLater", "notLaterForAny"]
            let why: [String: Any] =
                switch refusal {
                case .noRound: Flags.only("noRound", among: reasons)
                case .inThePast: Flags.only("inThePast", among: reasons)
                case .afterNextData(let date): Flags.only("afterNextData", among: reasons, with: ["date": date])
                case .notLater(let date): Flags.only("notLater", among: reasons, with: ["date": date])
                case .notLaterForAny(let date): Flags.only("notLaterForAny", among: reasons, with: ["date": date])
                }
            context = Flags.only("deadlineRefused", among: all, with: why)
        case .problem(let problem):
            context = Flags.only("problem", among: all, with: Flags.only(problem.key, among: Flags.commandProblems))
        }
        return context
    }

    func key(_ result: Result) -> String {
        switch result {
        case .accepted: "accepted"
        case .rejected: "rejected"
        case .unknown: "unknown"
        case .notInLetter: "notInLetter"
        case .awaitingDocument: "awaitingDocument"
        case .dropped: "dropped"
        case .noEntry: "noEntry"
        case .archivedInPart: "archivedInPart"
        default: ""
        }
    }
}
