import Foundation
import IndigateMIME

/// The installation's settings, from `config/indigate.yaml`. Relative paths are relative to the
/// working directory the command runs in.
public struct IndigateConfig: Sendable, Codable, Equatable {
    /// The region's name as letters print it.
    public var region: String
    /// The region's UTC offset (`+05:00`) or an IANA zone name (`Asia/Yekaterinburg`).
    public var timezone: String
    /// The SQLite file.
    public var database: String
    /// Where the HMAC secret is kept; generated on first start (mode 0600).
    public var secretFile: String
    public var gateway: Gateway
    public var catalogue: String
    public var organizations: String
    public var templates: String
    public var transport: Transport
    public var schedule: Schedule
    public var tokens: Tokens
    public var limits: Limits
    public var parser: Parser
    public var security: Security
    public var review: Review
    public var reminders: Reminders
    public var outbox: Outbox
    public var digests: Digests

    enum CodingKeys: String, CodingKey {
        case region, timezone, database, gateway, catalogue, organizations, templates, transport, schedule
        case tokens, limits, parser, security, review, reminders, outbox, digests
        case secretFile = "secret_file"
    }

    /// The gateway's own mailbox: the From of every letter and the base of every Reply-To.
    public struct Gateway: Sendable, Codable, Equatable {
        /// `local@domain`; replies come to `local+<token>@domain`.
        public var address: String
        /// The display name in From.
        public var name: String
        /// Where schools may ask questions (printed in letters).
        public var helpdesk: String
    }

    public struct Transport: Sendable, Codable, Equatable {
        public var inbound: Endpoint
        public var outbound: Endpoint
    }

    /// One transport. `kind: maildir` with a `path`; `kind: smtp` (outbound) or `kind: imap`
    /// (inbound) with a `url` and the settings below. A password is read from `password_file`
    /// (never written in this file).
    public struct Endpoint: Sendable, Codable, Equatable {
        public var kind: String
        public var path: String?
        public var url: String?
        public var username: String?
        public var passwordFile: String?
        /// `required`, `opportunistic` (default) or `off`.
        public var startTLS: String?
        /// SMTP: `PLAIN` (default) or `LOGIN`.
        public var auth: String?
        /// SMTP: the EHLO name (default: the gateway's domain).
        public var helo: String?
        /// IMAP: the folder replies arrive in (default INBOX).
        public var folder: String?
        /// IMAP: where handled messages are moved (default Processed); empty: flag them instead.
        public var processedFolder: String?
        public var timeoutSeconds: Int?

        enum CodingKeys: String, CodingKey {
            case kind, path, url, username, auth, helo, folder
            case passwordFile = "password_file"
            case startTLS = "starttls"
            case processedFolder = "processed_folder"
            case timeoutSeconds = "timeout_seconds"
        }
    }

    /// The monthly calendar and the daemon's pace.
    public struct Schedule: Sendable, Codable, Equatable {
        /// The day of the month a round opens.
        public var openDay: Int
        /// The day of the month values are due.
        public var deadlineDay: Int
        /// The day of the month after which new data are expected (accepted values lock until then).
        public var nextDataDay: Int
        /// The indicator groups a round asks for; empty means all.
        public var groups: [String]
        /// Seconds between passes of `serve`.
        public var pollSeconds: Int

        enum CodingKeys: String, CodingKey {
            case groups
            case openDay = "open_day"
            case deadlineDay = "deadline_day"
            case nextDataDay = "next_data_day"
            case pollSeconds = "poll_seconds"
        }
    }

    public struct Tokens: Sendable, Codable, Equatable {
        /// Days a reply token stays valid after its letter.
        public var lifetimeDays: Int
        /// Days tokens signed by the previous secret keep working after `secret rotate`.
        public var rotationGraceDays: Int
        enum CodingKeys: String, CodingKey {
            case lifetimeDays = "lifetime_days"
            case rotationGraceDays = "rotation_grace_days"
        }
    }

    /// When operators get review letters: `immediate` (every pass that has new submissions),
    /// `hourly`, or `daily` at `daily_hour` (region time).
    public struct Review: Sendable, Codable, Equatable {
        public var batch: String
        public var dailyHour: Int
        enum CodingKeys: String, CodingKey {
            case batch
            case dailyHour = "daily_hour"
        }
    }

    /// Reminders to respondents: `days_before` the deadline, on the deadline day, and after a
    /// rejection left without a correction for `after_rejection_days`. At most one a day each.
    public struct Reminders: Sendable, Codable, Equatable {
        public var daysBefore: [Int]
        public var onDeadline: Bool
        public var afterRejectionDays: Int
        /// The hour of the day (region time) from which reminders go out.
        public var hour: Int
        enum CodingKeys: String, CodingKey {
            case daysBefore = "days_before"
            case onDeadline = "on_deadline"
            case afterRejectionDays = "after_rejection_days"
            case hour
        }
    }

    /// Coordinators' digests: weekly on `weekday` (1 = Monday) from `hour`, and the day after
    /// each deadline when `after_deadline`.
    public struct Digests: Sendable, Codable, Equatable {
        public var weekday: Int
        public var hour: Int
        public var afterDeadline: Bool
        enum CodingKeys: String, CodingKey {
            case weekday, hour
            case afterDeadline = "after_deadline"
        }
    }

    /// Retrying letters the server deferred: exponential backoff with jitter between the two
    /// bounds, giving up after `max_age_days` (as Postfix's deferred queue does).
    public struct Outbox: Sendable, Codable, Equatable {
        public var minBackoffSeconds: Int
        public var maxBackoffSeconds: Int
        public var maxAgeDays: Int
        enum CodingKeys: String, CodingKey {
            case minBackoffSeconds = "min_backoff_seconds"
            case maxBackoffSeconds = "max_backoff_seconds"
            case maxAgeDays = "max_age_days"
        }
    }

    /// Who may write, and what is answered.
    public struct Security: Sendable, Codable, Equatable {
        /// authserv-ids of the receiving MTA: only Authentication-Results headers it wrote count.
        public var trustedAuthservIDs: [String]
        /// Quarantine `spf=fail` (from a trusted authserv-id) unless DKIM passed too.
        public var quarantineSPFFail: Bool
        /// Answer a message without a token from a registered contact with a letter asking to
        /// reply to indigate's letter instead (nothing is recorded). Else it is quarantined.
        public var answerUntokened: Bool
        enum CodingKeys: String, CodingKey {
            case trustedAuthservIDs = "trusted_authserv_ids"
            case quarantineSPFFail = "quarantine_spf_fail"
            case answerUntokened = "answer_untokened"
        }
    }

    /// How the daemon runs GMime: in a worker process with a memory and time limit (isolated),
    /// or in its own process.
    public struct Parser: Sendable, Codable, Equatable {
        public var isolated: Bool
        public var memoryMegabytes: Int
        public var timeoutSeconds: Int
        enum CodingKeys: String, CodingKey {
            case isolated
            case memoryMegabytes = "memory_mb"
            case timeoutSeconds = "timeout_seconds"
        }
    }

    public struct Limits: Sendable, Codable, Equatable {
        /// The largest inbound message read, in bytes.
        public var messageBytes: Int
        /// The largest PDF accepted as a document, in bytes.
        public var documentBytes: Int
        /// Messages taken per poll pass and letters per flush pass.
        public var batch: Int
        /// Letters of any kind but requests to one recipient in an hour.
        public var lettersPerRecipientPerHour: Int
        enum CodingKeys: String, CodingKey {
            case messageBytes = "message_bytes"
            case documentBytes = "document_bytes"
            case batch
            case lettersPerRecipientPerHour = "letters_per_recipient_per_hour"
        }
    }
}

extension IndigateConfig {
    /// The envelope sender base: `bounces@domain` of the gateway's domain.
    public var bounceAddress: String {
        "bounces@" + (gateway.address.split(separator: "@").last.map(String.init) ?? "invalid")
    }

    /// The MIME limits the parser applies, from `limits`.
    public var mimeLimits: MIMELimits {
        MIMELimits(messageBytes: limits.messageBytes)
    }
}
