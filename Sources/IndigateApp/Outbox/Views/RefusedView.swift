import Foundation
import IndigateCore

/// Told to a registered contact, at their own address, when a message in their name was
/// refused: when, from which address, and why in words.
struct RefusedView: Letter {
    static let template = "refused"

    var organization: Organization
    var when: Date
    /// The address the refused message came from (as its From said).
    var address: String?
    var reason: QuarantineReason
    var calendar: RegionalCalendar

    var context: [String: Any] {
        [
            "organization": organization.shortName, "inn": organization.inn, "when": calendar.dateTime(when),
            "address": address.map { QuotedText.quote($0, limit: 120) } ?? "", "hasAddress": address != nil,
            "reason": Flags.only(reason.templateKey, among: Flags.reasons),
        ]
    }
}

extension QuarantineReason {
    /// The key `phrases/reason.txt` words this reason by.
    var templateKey: String {
        switch self {
        case .tokenMalformed, .tokenBadSignature, .tokenExpired, .tokenUnknownContact, .tokenMisused: "token"
        default:
            String(
                rawValue.split(separator: "-").enumerated().map {
                    $0 == 0 ? String($1) : $1.prefix(1).uppercased() + $1.dropFirst()
                }.joined())
        }
    }
}

/// Asks a registered contact who wrote without a token to answer a letter of indigate instead.
struct UntokenedView: Letter {
    static let template = "untokened"

    var organization: Organization
    var subject: String

    var context: [String: Any] {
        [
            "organization": organization.shortName, "subject": QuotedText.quote(subject, limit: 120),
            "hasSubject": !subject.isEmpty,
        ]
    }
}
