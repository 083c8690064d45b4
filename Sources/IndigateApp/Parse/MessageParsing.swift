import IndigateCore
import IndigateMIME
import IndigatePDF

/// What came of parsing one message.
package enum ParseOutcome: Sendable, Equatable {
    case parsed(ParsedMessage)
    /// GMime read the bytes and found them unusable: final, the message is quarantined.
    case refused(MIMEError)
    /// The parser died or hung on this message: it is retried, then set aside.
    case parserFailed(String)
}

/// Turns raw bytes into a `ParsedMessage`: in this process, or in an isolated worker.
package protocol MessageParsing: Sendable {
    /// `raw` is consumed: an isolated parser lets it go once the worker has it, before the
    /// answer (as large: the attachments) comes back.
    func parse(_ raw: consuming [UInt8]) -> ParseOutcome
    /// A batch's messages, outcomes in the input's order (in parallel where the parser can);
    /// each message's bytes are let go as it is handed to the parser.
    func parseAll(_ raws: consuming [[UInt8]]) -> [ParseOutcome]
    /// Whether a crash or hang of the parser is caught and reported (a worker process), rather
    /// than taking the calling process down with it.
    var isIsolated: Bool { get }
    /// A PDF's first page drawn small (`FirstPagePreview`), nil when it cannot be drawn: by the
    /// same workers, under the same limits, as the messages the PDF came in.
    func firstPage(_ pdf: [UInt8]) -> [UInt8]?
    /// Starts, without waiting, what parsing needs before the first message (the worker
    /// processes), so that a pass does not wait for it; nothing for a parser in this process.
    func warmUp()
}

extension MessageParsing {
    package func warmUp() {}

    package func parseAll(_ raws: consuming [[UInt8]]) -> [ParseOutcome] {
        var raws = raws
        var outcomes: [ParseOutcome] = []
        for index in raws.indices {
            let raw = raws[index]
            raws[index] = []
            outcomes.append(parse(consume raw))
        }
        return outcomes
    }
}

/// GMime in the calling process: for tests and one-shot commands on trusted input.
package struct InProcessParser: MessageParsing {
    let parser: MessageParser

    package init(limits: MIMELimits) {
        parser = MessageParser(limits: limits)
    }

    package var isIsolated: Bool { false }

    package func parse(_ raw: consuming [UInt8]) -> ParseOutcome {
        do {
            return .parsed(DocumentInspection.inspect(try parser.parse(raw)))
        } catch {
            return .refused(error)
        }
    }

    package func firstPage(_ pdf: [UInt8]) -> [UInt8]? {
        FirstPagePreview.png(pdf)
    }
}
