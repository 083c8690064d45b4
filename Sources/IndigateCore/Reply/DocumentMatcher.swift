/// Decides which indicator each attachment of a reply confirms: a PDF whose file name starts
/// with an indicator's code belongs to it; if the reply gives values for exactly one indicator
/// that needs a document and carries exactly one otherwise unmatched PDF, that PDF belongs to
/// it. Everything else is named in the receipt with what to do.
package enum DocumentMatcher {
    /// What became of one attachment.
    package enum Disposition: Sendable, Equatable {
        /// A PDF for this indicator.
        case document(code: String)
        /// A PDF named for an indicator the organisation does not answer.
        case notAssigned(code: String)
        /// A PDF that could not be tied to an indicator.
        case unmatched
        /// Outlook's winmail.dat / TNEF or .msg: not a readable document.
        case outlookContainer
        /// Named or typed as a PDF, but its bytes are not a whole PDF.
        case brokenPDF
        /// Another format (a scan, an archive, a Word file): only PDF is accepted.
        case notPDF
    }

    /// - Parameters:
    ///   - attachments: each attachment's file name and whether its bytes are a whole PDF.
    ///   - assigned: the codes the organisation answers in the round.
    ///   - known: every code of the catalogue.
    ///   - valuesNeedingDocument: codes given a value in this reply that requires a document.
    package static func match(
        _ attachments: [(fileName: String, isPDF: Bool)], assigned: Set<String>, known: Set<String>,
        valuesNeedingDocument: Set<String>
    ) -> [Disposition] {
        var result: [Disposition] = attachments.map { attachment in
            let lowered = attachment.fileName.lowercased()
            if lowered == "winmail.dat" || lowered.hasSuffix(".msg") { return .outlookContainer }
            guard attachment.isPDF else { return lowered.hasSuffix(".pdf") ? .brokenPDF : .notPDF }
            guard let code = codePrefix(of: attachment.fileName, known: known) else { return .unmatched }
            return assigned.contains(code) ? .document(code: code) : .notAssigned(code: code)
        }
        let matchedCodes = Set(result.compactMap { if case .document(let code) = $0 { code } else { nil } })
        let waiting = valuesNeedingDocument.subtracting(matchedCodes)
        let unmatched = result.indices.filter { result[$0] == .unmatched }
        if waiting.count == 1, unmatched.count == 1, let code = waiting.first {
            result[unmatched[0]] = .document(code: code)
        }
        return result
    }

    /// The known code a file name starts with («1.2 приказ.pdf», «1.2_prikaz.pdf»), the
    /// longest one, and only where the next character does not continue the number.
    static func codePrefix(of fileName: String, known: Set<String>) -> String? {
        let name = fileName.trimmed
        return known.filter { code in
            guard name.hasPrefix(code) else { return false }
            let rest = name.dropFirst(code.count)
            guard let next = rest.first else { return false }
            if next.isNumber { return false }
            // «1.2.pdf» is the code and the extension; «1.2.3» would be another code.
            if next == ".", let after = rest.dropFirst().first, after.isNumber { return false }
            return true
        }.max { $0.count < $1.count }
    }
}
