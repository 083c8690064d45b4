import Foundation
import IndigateCore

/// Messages that must never be answered: auto-replies (RFC 3834), bulk and list mail, bounces
/// and indigate's own letters looped back. Returns the reason, or nil for a person's message.
enum AutoReplyCheck {
    static func reason(_ message: ParsedMessage, ownDomain: String) -> String? {
        let headers = message.headers
        if let loop = headers["x-indigate-loop"], loop.lowercased().contains(ownDomain.lowercased()) {
            return "loop: indigate's own letter came back"
        }
        if let autoSubmitted = headers["auto-submitted"]?.lowercased().trimmed, autoSubmitted != "no" {
            return "auto-submitted: \(autoSubmitted.prefix(40))"
        }
        if let precedence = headers["precedence"]?.lowercased().trimmed,
            ["bulk", "junk", "list", "auto_reply"].contains(precedence)
        {
            return "precedence: \(precedence)"
        }
        if headers["x-autoreply"] != nil || headers["x-autorespond"] != nil { return "auto-reply header" }
        if let returnPath = headers["return-path"], returnPath.trimmed == "<>" { return "bounce: empty Return-Path" }
        if let type = headers["content-type"]?.lowercased(), type.contains("multipart/report") {
            return "bounce: delivery report"
        }
        let subject = message.subject.lowercased()
        let vacation = ["автоответ", "нет на месте", "out of office", "automatic reply", "auto-reply", "autoreply",
                        "отсутствую в офисе", "undeliverable", "delivery status notification",
                        "mail delivery failed", "не доставлено"]
        if let hit = vacation.first(where: { subject.contains($0) }) { return "auto-reply subject: \(hit)" }
        let from = message.from.first ?? ""
        if from.hasPrefix("mailer-daemon@") || from.hasPrefix("postmaster@") { return "bounce: from \(from)" }
        return nil
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
