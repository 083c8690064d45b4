import Foundation
import IndigateCore

/// Why a message is deliberately left unanswered.
package enum IgnoreReason: Sendable, Equatable {
    /// indigate's own letter came back (X-Indigate-Loop names this installation).
    case loop
    /// RFC 3834 `Auto-Submitted` other than `no`.
    case autoSubmitted
    /// `Precedence: bulk`, `junk`, `list` or `auto_reply`.
    case precedence
    /// `X-Autoreply` or `X-Autorespond`.
    case autoReplyHeader
    /// An empty Return-Path: a bounce.
    case emptyReturnPath
    /// A `multipart/report`: a bounce.
    case deliveryReport
    /// A vacation or failure subject («Автоответ», «Undeliverable»).
    case autoReplySubject
    /// From MAILER-DAEMON or postmaster: a bounce.
    case mailerDaemon
    /// The same Message-ID from the same sender was handled before.
    case duplicateMessageID
    /// Mail to the VERP address whose token is not valid.
    case invalidBounceToken
    /// Mail to the VERP address that is not a delivery report.
    case notADeliveryReport
    /// A delivery report, recorded.
    case bounce(status: String)
    /// A registered contact wrote without a token and was asked to answer a letter instead.
    case untokened

    /// Whether the message is a bounce, so its delivery report is worth reading.
    package var isBounce: Bool {
        switch self {
        case .emptyReturnPath, .deliveryReport, .mailerDaemon: true
        default: false
        }
    }

    /// For the archive and the log (English, never shown to users).
    package var description: String {
        switch self {
        case .loop: "loop"
        case .autoSubmitted: "auto-submitted"
        case .precedence: "precedence"
        case .autoReplyHeader: "auto-reply header"
        case .emptyReturnPath: "bounce: empty Return-Path"
        case .deliveryReport: "bounce: delivery report"
        case .autoReplySubject: "auto-reply subject"
        case .mailerDaemon: "bounce: from mailer-daemon"
        case .duplicateMessageID: "duplicate Message-ID"
        case .invalidBounceToken: "bounce with an invalid VERP token"
        case .notADeliveryReport: "mail to the bounce address that is not a delivery report"
        case .bounce(let status): "bounce \(status)"
        case .untokened: "no token: asked to reply to a letter"
        }
    }
}

/// Messages that must never be answered: auto-replies (RFC 3834), bulk and list mail, bounces
/// and indigate's own letters looped back.
enum AutoReplyCheck {
    static let vacationSubjects = [
        "автоответ", "нет на месте", "out of office", "automatic reply", "auto-reply", "autoreply",
        "отсутствую в офисе", "undeliverable", "delivery status notification", "mail delivery failed", "не доставлено",
    ]

    /// The reason to leave `message` unanswered, or nil for a person's message.
    static func reason(_ message: ParsedMessage, ownDomain: String) -> IgnoreReason? {
        let headers = message.headers
        if let loop = headers["x-indigate-loop"], loop.lowercased().utf8.contains(bytesOf: ownDomain.lowercased()) {
            return .loop
        }
        if let autoSubmitted = headers["auto-submitted"]?.lowercased().trimmed, autoSubmitted != "no" { return .autoSubmitted }
        if let precedence = headers["precedence"]?.lowercased().trimmed,
            ["bulk", "junk", "list", "auto_reply"].contains(precedence)
        {
            return .precedence
        }
        if headers["x-autoreply"] != nil || headers["x-autorespond"] != nil { return .autoReplyHeader }
        if let returnPath = headers["return-path"], returnPath.trimmed == "<>" { return .emptyReturnPath }
        if let type = headers["content-type"]?.lowercased(), type.utf8.contains(bytesOf: "multipart/report") {
            return .deliveryReport
        }
        // By bytes: Foundation's search is the slower one, and every reply's subject is searched.
        let subject = message.subject.lowercased().utf8
        if vacationSubjects.contains(where: { subject.contains(bytesOf: $0) }) { return .autoReplySubject }
        let from = message.from.first ?? ""
        if from.hasPrefix("mailer-daemon@") || from.hasPrefix("postmaster@") { return .mailerDaemon }
        return nil
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
