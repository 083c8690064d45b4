/// What a bounce says about a failed delivery: a DSN (RFC 3464, multipart/report with a
/// message/delivery-status part) or the common non-standard forms (a text body quoting the
/// server's 5xx/4xx answer).
package struct DeliveryReport: Sendable, Equatable {
    /// Permanent (5.x.x / 5xx) or temporary (4.x.x / 4xx).
    package var permanent: Bool
    /// The status code as reported (`5.1.1`, `550`), for operators.
    package var status: String
    /// The failed recipient, when the report names it.
    package var recipient: String?

    /// The report in `message`, or nil when it does not look like a bounce.
    package static func read(_ message: ParsedMessage) -> DeliveryReport? {
        if let status = message.attachments.first(where: {
            $0.contentType == "message/delivery-status" || $0.contentType == "message/global-delivery-status"
        }) {
            return fromDeliveryStatus(String(decoding: status.bytes, as: UTF8.self))
        }
        return fromText(message.text, subject: message.subject, headers: message.headers)
    }

    static func fromDeliveryStatus(_ text: String) -> DeliveryReport? {
        var status: String?
        var action: String?
        var recipient: String?
        for line in text.split(whereSeparator: \.isNewline) {
            let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: [" ", "\t"]) }
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "status" where status == nil: status = pair[1].split(separator: " ").first.map(String.init)
            case "action" where action == nil: action = pair[1].lowercased()
            case "final-recipient" where recipient == nil, "original-recipient" where recipient == nil:
                recipient = pair[1].split(separator: ";").last?.trimmingCharacters(in: [" ", "<", ">"]).lowercased()
            default: break
            }
        }
        guard let status, let first = status.first, first == "4" || first == "5" else {
            if action == "failed" { return DeliveryReport(permanent: true, status: status ?? "failed", recipient: recipient) }
            if action == "delayed" { return DeliveryReport(permanent: false, status: status ?? "delayed", recipient: recipient) }
            return nil
        }
        return DeliveryReport(permanent: first == "5" && action != "delayed", status: status, recipient: recipient)
    }

    /// Non-standard bounces: find an SMTP reply code or an enhanced status in the text.
    static func fromText(_ text: String, subject: String, headers: [String: String]) -> DeliveryReport? {
        let lowered = subject.lowercased()
        let bounceSubjects = [
            "undeliver", "returned mail", "delivery status notification", "mail delivery failed",
            "failure notice", "недоставлен", "не доставлено", "delivery failure",
        ]
        let looksLikeBounce = bounceSubjects.contains { lowered.contains($0) } || headers["x-failed-recipients"] != nil
        guard looksLikeBounce else { return nil }
        let recipient = headers["x-failed-recipients"]?.trimmingCharacters(in: [" "]).lowercased()
        for word in text.split(whereSeparator: { $0 == " " || $0.isNewline || $0 == "(" || $0 == ")" }) {
            let token = String(word)
            if token.count == 3, let code = Int(token), (400...599).contains(code) {
                return DeliveryReport(permanent: code >= 500, status: token, recipient: recipient)
            }
            let parts = token.split(separator: ".")
            if parts.count == 3, parts.allSatisfy({ Int($0) != nil }), let first = parts.first, first == "4" || first == "5" {
                return DeliveryReport(permanent: first == "5", status: token, recipient: recipient)
            }
        }
        // A bounce that quotes no code: count it as temporary, operators see it.
        return DeliveryReport(permanent: false, status: "unknown", recipient: recipient)
    }
}
