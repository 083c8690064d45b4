import IndigateCore

/// What a school's reply asks for, as Interpret read it: every line and attachment with what
/// will become of it. Apply carries it out in one transaction; the receipt reports it.
struct RespondentPlan: Sendable, Equatable {
    /// One line of the reply that meant something.
    struct Line: Sendable, Equatable {
        /// The line as written (trimmed).
        var text: String
        var result: LineResult
        /// The row of the attached form the value came from; nil for a line of the body.
        var formRow: Int? = nil
    }

    enum LineResult: Sendable, Equatable {
        /// A new version: its starting state, and the attachment that documents it, if any.
        case submit(code: String, value: Value, state: ValueState, document: Int?)
        case error(code: String, problem: ReplyProblem)
        /// A detail of the person who fills the values (cleaned to one line).
        case registration(RegistrationField, String)
    }

    /// One attachment of the reply and what becomes of it.
    struct Attachment: Sendable, Equatable {
        /// The index in the parsed message's attachments.
        var index: Int
        var fileName: String
        var result: AttachmentResult
    }

    enum AttachmentResult: Sendable, Equatable {
        /// The document of a value in this reply (required or sent along).
        case documents(code: String)
        /// Completes a version saved earlier that waited for it.
        case completes(version: ValueVersion)
        /// A document for an indicator with no value in this reply and none waiting: kept.
        case keptWithoutValue(code: String)
        /// The request form, filled in: its rows were read as lines (`Line.formRow`).
        case form(rows: Int)
        case refused(AttachmentProblem)
    }

    /// Why an attachment is not taken.
    enum AttachmentProblem: Sendable, Equatable {
        case tooLarge(megabytes: Int)
        case encrypted
        /// The PDF can act on the reader's machine (JavaScript, launch actions, embedded files,
        /// another format hidden in it): it never reaches operators.
        case activeContent([ActiveContent])
        case secondForCode(String)
        case locked(String)
        case notAssigned(String)
        case unmatched
        case outlookContainer
        case brokenPDF
        case notPDF
        /// A form made for another organisation (its INN).
        case formOfAnotherOrganization(inn: String)
        /// A form of another round (`YYYY-MM`): last month's, say.
        case formOfAnotherRound(month: String)
        /// A spreadsheet that could not be read as a workbook.
        case unreadableForm
        /// A second usable form in one reply: only the first is read.
        case secondForm
    }

    var lines: [Line] = []
    var attachments: [Attachment] = []
    /// The reply came after the round's deadline day.
    var late = false
    /// A line «СТАТУС»: the school wants its view of the round.
    var asksStatus = false
    /// A line «КАТАЛОГ»: the school wants every indicator of the catalogue.
    var asksCatalogue = false
    /// A line «АДРЕС [ИНН] новый@адрес»: the contact's new address, to be confirmed.
    var address: AddressRequest?
    /// The round the reply names is closed: nothing is recorded, and the school is pointed to
    /// this round instead.
    var successor: Round?

    var submissions: [(code: String, value: Value, state: ValueState, document: Int?)] {
        lines.compactMap { line in
            if case .submit(let code, let value, let state, let document) = line.result { return (code, value, state, document) }
            return nil
        }
    }

    /// Whether anything will be recorded: a value, a document or a contact detail.
    var recordsSomething: Bool {
        guard successor == nil else { return false }
        let lineRecords = lines.contains {
            switch $0.result {
            case .submit, .registration: true
            case .error: false
            }
        }
        return lineRecords || attachments.contains { if case .refused = $0.result { false } else { true } }
    }

    /// The mistakes of a reply that records nothing, as a key: the same mistakes are answered
    /// at most once a day, so an auto-responder that slipped through cannot ping-pong.
    var errorKey: String {
        let problems = Set(
            lines.compactMap { line -> String? in
                if case .error(_, let problem) = line.result { return problem.key }
                return nil
            })
        return "error-receipt:" + (problems.isEmpty ? "no-values" : problems.sorted().joined(separator: ","))
    }
}
