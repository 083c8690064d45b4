import Foundation
import IndigateMIME

/// The installation's settings, from `config/indigate.yaml`. Relative paths are relative to the
/// working directory the command runs in.
package struct IndigateConfig: Sendable, Codable, Equatable {
    /// The region's name as letters print it.
    package var region: String
    /// The region's UTC offset (`+05:00`) or an IANA zone name (`Asia/Yekaterinburg`).
    package var timezone: String
    /// The SQLite file.
    package var database: String
    /// Where the HMAC secret is kept; generated on first start (mode 0600).
    package var secretFile: String
    package var gateway: Gateway
    package var catalogue: String
    package var organizations: String
    package var templates: String
    package var transport: Transport
    package var schedule: Schedule
    package var tokens: Tokens
    package var limits: Limits
    package var parser: Parser
    package var security: Security
    package var review: Review
    package var reminders: Reminders
    package var outbox: Outbox
    package var digests: Digests

    enum CodingKeys: String, CodingKey {
        case region, timezone, database, gateway, catalogue, organizations, templates, transport, schedule
        case tokens, limits, parser, security, review, reminders, outbox, digests
        case secretFile = "secret_file"
    }

    /// The gateway's own mailbox: the From of every letter and the base of every Reply-To.
    package struct Gateway: Sendable, Codable, Equatable {
        /// `local@domain`; replies come to `local+<token>@domain`.
        package var address: String
        /// The display name in From.
        package var name: String
        /// Where schools may ask questions (printed in letters).
        package var helpdesk: String
    }

    package struct Transport: Sendable, Codable, Equatable {
        package var inbound: Endpoint
        package var outbound: Endpoint
    }

    /// One transport. `kind: maildir` with a `path`; `kind: smtp` (outbound) or `kind: imap`
    /// (inbound) with a `url` and the settings below. A password is read from `password_file`
    /// (never written in this file).
    package struct Endpoint: Sendable, Codable, Equatable {
        package var kind: String
        package var path: String?
        package var url: String?
        package var username: String?
        package var passwordFile: String?
        /// `required`, `opportunistic` (default) or `off`.
        package var startTLS: String?
        /// SMTP: `PLAIN` (default) or `LOGIN`.
        package var auth: String?
        /// SMTP: the EHLO name (default: the gateway's domain).
        package var helo: String?
        /// IMAP: the folder replies arrive in (default INBOX).
        package var folder: String?
        /// IMAP: where handled messages are moved (default Processed); empty: flag them instead.
        package var processedFolder: String?
        package var timeoutSeconds: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case kind, path, url, username, auth, helo, folder
            case passwordFile = "password_file"
            case startTLS = "starttls"
            case processedFolder = "processed_folder"
            case timeoutSeconds = "timeout_seconds"
        }
    }

    /// The monthly calendar and the daemon's pace.
    package struct Schedule: Sendable, Codable, Equatable {
        /// The day of the month a round opens.
        package var openDay: Int
        /// The day of the month values are due.
        package var deadlineDay: Int
        /// The day of the month after which new data are expected (accepted values lock until then).
        package var nextDataDay: Int
        /// The indicator groups a round asks for; empty means all.
        package var groups: [String]
        /// Months that ask other groups than `groups`: the month's English name (`december`) to
        /// its groups (empty means all). Optional.
        package var groupsByMonth: [String: [String]]?
        /// Seconds between passes of `serve`.
        package var pollSeconds: Int

        enum CodingKeys: String, CodingKey {
            case groups
            case groupsByMonth = "groups_by_month"
            case openDay = "open_day"
            case deadlineDay = "deadline_day"
            case nextDataDay = "next_data_day"
            case pollSeconds = "poll_seconds"
        }
    }

    package struct Tokens: Sendable, Codable, Equatable {
        /// Days a reply token stays valid after its letter.
        package var lifetimeDays: Int
        /// Days tokens signed by the previous secret keep working after `secret rotate`.
        package var rotationGraceDays: Int
        enum CodingKeys: String, CodingKey {
            case lifetimeDays = "lifetime_days"
            case rotationGraceDays = "rotation_grace_days"
        }
    }

    /// When operators get review letters: `immediate` (every pass that has new submissions),
    /// `hourly`, or `daily` at `daily_hour` (region time).
    package struct Review: Sendable, Codable, Equatable {
        package var batch: String
        package var dailyHour: Int
        enum CodingKeys: String, CodingKey {
            case batch
            case dailyHour = "daily_hour"
        }
    }

    /// Reminders to respondents: `days_before` the deadline, on the deadline day, and after a
    /// rejection left without a correction for `after_rejection_days`. At most one a day each.
    package struct Reminders: Sendable, Codable, Equatable {
        package var daysBefore: [Int]
        package var onDeadline: Bool
        package var afterRejectionDays: Int
        /// The hour of the day (region time) from which reminders go out.
        package var hour: Int
        enum CodingKeys: String, CodingKey {
            case daysBefore = "days_before"
            case onDeadline = "on_deadline"
            case afterRejectionDays = "after_rejection_days"
            case hour
        }
    }

    /// Coordinators' digests: weekly on `weekday` (1 = Monday) from `hour`, and the day after
    /// each deadline when `after_deadline`.
    package struct Digests: Sendable, Codable, Equatable {
        package var weekday: Int
        package var hour: Int
        package var afterDeadline: Bool
        enum CodingKeys: String, CodingKey {
            case weekday, hour
            case afterDeadline = "after_deadline"
        }
    }

    /// Retrying letters the server deferred: exponential backoff with jitter between the two
    /// bounds, giving up after `max_age_days` (as Postfix's deferred queue does).
    package struct Outbox: Sendable, Codable, Equatable {
        package var minBackoffSeconds: Int
        package var maxBackoffSeconds: Int
        package var maxAgeDays: Int
        /// SMTP sessions a flush opens side by side (each batch is shared among them); 2 when
        /// left out. Optional.
        package var connections: Int?
        enum CodingKeys: String, CodingKey {
            case minBackoffSeconds = "min_backoff_seconds"
            case maxBackoffSeconds = "max_backoff_seconds"
            case maxAgeDays = "max_age_days"
            case connections
        }

        /// `connections`, or 2: two sessions keep the relay busy while one waits for an answer.
        package var effectiveConnections: Int { min(8, max(1, connections ?? 2)) }
    }

    /// Who may write, and what is answered.
    package struct Security: Sendable, Codable, Equatable {
        /// authserv-ids of the receiving MTA: only Authentication-Results headers it wrote count.
        package var trustedAuthservIDs: [String]
        /// Quarantine `spf=fail` (from a trusted authserv-id) unless DKIM passed too.
        package var quarantineSPFFail: Bool
        /// Answer a message without a token from a registered contact with a letter asking to
        /// reply to indigate's letter instead (nothing is recorded). Else it is quarantined.
        package var answerUntokened: Bool
        enum CodingKeys: String, CodingKey {
            case trustedAuthservIDs = "trusted_authserv_ids"
            case quarantineSPFFail = "quarantine_spf_fail"
            case answerUntokened = "answer_untokened"
        }
    }

    /// How the daemon runs GMime: in a worker process with a memory and time limit (isolated),
    /// or in its own process.
    package struct Parser: Sendable, Codable, Equatable {
        package var isolated: Bool
        package var memoryMegabytes: Int
        package var timeoutSeconds: Int
        /// Worker processes parsing side by side (default: one per core).
        package var workers: Int?
        enum CodingKeys: String, CodingKey {
            case isolated
            case memoryMegabytes = "memory_mb"
            case timeoutSeconds = "timeout_seconds"
            case workers
        }

        /// `workers`, or one per core.
        package var effectiveWorkers: Int { max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount) }
    }

    package struct Limits: Sendable, Codable, Equatable {
        /// The largest inbound message read, in bytes.
        package var messageBytes: Int
        /// The largest PDF accepted as a document, in bytes.
        package var documentBytes: Int
        /// Messages taken per poll pass and letters per flush pass.
        package var batch: Int
        /// Letters of any kind but requests to one recipient in an hour.
        package var lettersPerRecipientPerHour: Int
        /// The bytes of messages one poll batch reads (beyond its first message); default 32 MB.
        /// Memory per pass follows this, whatever the batch's count.
        package var batchBytes: Int?
        enum CodingKeys: String, CodingKey {
            case messageBytes = "message_bytes"
            case documentBytes = "document_bytes"
            case batch
            case lettersPerRecipientPerHour = "letters_per_recipient_per_hour"
            case batchBytes = "batch_bytes"
        }

        /// `batch_bytes`, or its default.
        package var effectiveBatchBytes: Int { batchBytes ?? 32 << 20 }
    }
}

extension IndigateConfig {
    /// The envelope sender base: `bounces@domain` of the gateway's domain.
    package var bounceAddress: String {
        "bounces@" + (gateway.address.split(separator: "@").last.map(String.init) ?? "invalid")
    }

    /// The MIME limits the parser applies, from `limits`.
    package var mimeLimits: MIMELimits {
        MIMELimits(messageBytes: limits.messageBytes)
    }
}
