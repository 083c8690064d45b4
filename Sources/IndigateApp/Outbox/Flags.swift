/// Flags for a phrase template: `key` true and every other key of `all` explicitly false.
/// Mustache looks a missing key up in the enclosing contexts, so a phrase's
/// `{{#accepted}}` inside a letter that also has an `accepted` list would otherwise render that
/// list; naming every key keeps each phrase to its own flags.
enum Flags {
    static func only(_ key: String, among all: [String], with values: [String: Any] = [:]) -> [String: Any] {
        // Room for the keys callers add (a status adds up to nine): no table grown and copied.
        var context = [String: Any](minimumCapacity: all.count + 10)
        for name in all { context[name] = false }
        context[key] = values.isEmpty ? true : values
        return context
    }

    static let replyProblems = [
        "unknownCode", "missingValue", "notAWholeNumber", "negativeNumber", "notYesNo", "percentageNeedsTwoNumbers",
        "partExceedsWhole", "duplicateCode", "notAssigned", "locked",
    ]
    static let attachmentProblems = [
        "tooLarge", "encrypted", "activeContent", "secondForCode", "locked", "notAssigned", "unmatched", "outlookContainer",
        "brokenPDF", "notPDF",
        "formOfAnotherOrganization", "formOfAnotherRound", "unreadableForm", "secondForm",
    ]
    static let attachmentResults = ["documents", "completes", "keptWithoutValue", "form", "refused"]
    static let commandResults = [
        "accepted", "rejected", "unknown", "notInLetter", "superseded", "alreadyDecided", "awaitingDocument", "nothingListed",
        "released", "dropped", "noEntry", "alreadyClosed", "archivedInPart", "statusSent", "noOrganization", "reportSent",
        "noMunicipality", "deadlineExtended", "deadlineRefused", "problem",
    ]
    static let commandProblems = ["badNumbers", "missingResolution", "tooMany", "unknownVerb", "badINN", "badDeadline"]
    static let reasons = [
        "parserFailed", "handlingFailed", "unreadable", "tooLarge", "noToken", "token", "fromMismatch", "dmarcFail", "spfFail",
        "notAllowed",
        "internalError", "other",
    ]
    static let lineOutcomes = ["review", "awaitingDocument", "error", "registration", "notRecorded"]
}
