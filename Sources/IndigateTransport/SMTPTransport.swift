import CCurl
import Foundation
import IndigateCore

/// Sends letters over SMTP with libcurl: `smtp://` (with STARTTLS required or opportunistic)
/// or `smtps://`, optional AUTH (PLAIN or LOGIN), a configured HELO name. One connection is
/// reused for a whole batch. A 5xx answer fails the letter for good (keeping the server's
/// words); a 4xx answer or a connection failure defers it.
package struct SMTPTransport: OutboundTransport {
    package struct Settings: Sendable, Equatable {
        /// `smtp://host:port` or `smtps://host:port`.
        package var url: String
        /// `required`, `opportunistic` or `off` (for `smtp://`).
        package var startTLS: String
        package var username: String?
        package var password: String?
        /// `PLAIN` or `LOGIN`, when a username is given.
        package var authMechanism: String
        /// The name sent in EHLO.
        package var helo: String
        package var timeoutSeconds: Int
        /// Ends this transport's transfers when the daemon stops.
        package var stop: TransferStop

        package init(
            url: String, startTLS: String = "opportunistic", username: String? = nil, password: String? = nil,
            authMechanism: String = "PLAIN", helo: String, timeoutSeconds: Int = 60,
            stop: TransferStop = TransferStop()
        ) {
            self.stop = stop
            self.url = url
            self.startTLS = startTLS
            self.username = username
            self.password = password
            self.authMechanism = authMechanism
            self.helo = helo
            self.timeoutSeconds = timeoutSeconds
        }
    }

    package let settings: Settings

    package init(settings: Settings) {
        self.settings = settings
    }

    package func send(_ messages: [OutboundMessage], onResult: (Int, DeliveryResult, String) -> Bool) {
        guard !messages.isEmpty else { return }
        let easy: CurlEasy
        do {
            easy = try CurlEasy(stop: settings.stop)
            try configure(easy)
        } catch {
            for index in messages.indices {
                guard onResult(index, .deferred(DeliveryProblem(.connection, "\(error)")), "\(error)") else { return }
            }
            return
        }
        var connectionDown: DeliveryProblem?
        for (index, message) in messages.enumerated() {
            // After a connection failure the rest of the batch waits for the next flush.
            if let problem = connectionDown {
                guard onResult(index, .deferred(problem), problem.text) else { return }
                continue
            }
            let result = send(message, with: easy)
            if case .deferred(let problem) = result, problem.connectionLost { connectionDown = problem }
            let reply: String =
                switch result {
                case .sent: easy.serverLines.last { $0.hasPrefix("250") } ?? "250"
                case .deferred(let problem), .failed(let problem): problem.text
                }
            guard onResult(index, result, reply) else { return }
        }
    }

    /// Connects, says EHLO, starts TLS and logs in as a flush would, and sends nothing: what
    /// `indigate check` reports. Throws with libcurl's and the server's words when it cannot.
    package func probe() throws(TransportError) -> ServerProbe {
        let easy = try CurlEasy(stop: settings.stop)
        try configure(easy)
        try easy.set(CURLOPT_CONNECT_ONLY, 1)
        let code = easy.perform()
        guard code == CURLE_OK else {
            throw TransportError(easy.describe(code) + (easy.serverLines.last.map { ": \($0)" } ?? ""))
        }
        return ServerProbe(
            greeting: easy.serverLines.first ?? "", tls: easy.tls ?? (settings.url.hasPrefix("smtps://") ? "TLS" : nil),
            login: settings.username)
    }

    private func configure(_ easy: CurlEasy) throws(TransportError) {
        // The URL's path is the EHLO name (libcurl's convention for SMTP).
        let base = settings.url.hasSuffix("/") ? String(settings.url.dropLast()) : settings.url
        try easy.set(CURLOPT_URL, base + "/" + settings.helo)
        try easy.set(CURLOPT_CONNECTTIMEOUT, settings.timeoutSeconds)
        // No answer to a command within the timeout is a dead server, whatever the transfer's length.
        try easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, settings.timeoutSeconds)
        try easy.set(CURLOPT_TIMEOUT, settings.timeoutSeconds * 5)
        try easy.setStartTLS(settings.startTLS, url: settings.url)
        if let username = settings.username {
            try easy.set(CURLOPT_USERNAME, username)
            try easy.set(CURLOPT_PASSWORD, settings.password ?? "")
            try easy.set(CURLOPT_LOGIN_OPTIONS, "AUTH=" + settings.authMechanism)
        }
    }

    /// Whether a line of `raw` ends in LF without CR before it: memchr from LF to LF (a letter
    /// is tens of kilobytes, a flush thousands of letters).
    package static func hasBareLF(_ raw: [UInt8]) -> Bool {
        var offset = 0
        while let index = ByteSearch.firstIndex(of: 0x0A, in: raw, from: offset) {
            if index == 0 || raw[index - 1] != 0x0D { return true }
            offset = index + 1
        }
        return false
    }

    private func send(_ message: OutboundMessage, with easy: CurlEasy) -> DeliveryResult {
        // libcurl 7.88 lets CR/LF through in envelope addresses: checked here.
        guard MailAddress.isPlain(message.envelopeFrom), MailAddress.isPlain(message.recipient) else {
            return .failed(DeliveryProblem(.invalidLetter, "invalid envelope address"))
        }
        // Servers refuse bare LF since the SMTP smuggling fixes; indigate composes CRLF only.
        if Self.hasBareLF(message.raw) {
            return .failed(DeliveryProblem(.invalidLetter, "the message has a bare LF line ending"))
        }
        do {
            try easy.set(CURLOPT_MAIL_FROM, "<\(message.envelopeFrom)>")
            try easy.set(CURLOPT_MAIL_RCPT, list: ["<\(message.recipient)>"])
        } catch {
            return .deferred(DeliveryProblem(.local, "\(error)"))
        }
        let code = easy.perform(uploading: message.raw)
        if code == CURLE_OK { return .sent }
        // A refused login is the installation's problem, not the letter's: wait for a fix.
        if code == CURLE_LOGIN_DENIED {
            return .deferred(DeliveryProblem(.loginRefused, "login refused: \(easy.describe(code))"))
        }
        let status = easy.responseCode
        let answer = easy.serverLines.last { $0.first.map { "45".contains($0) } ?? false } ?? easy.describe(code)
        if status >= 500 { return .failed(DeliveryProblem(.permanent, answer)) }
        if status >= 400 { return .deferred(DeliveryProblem(.temporary, answer)) }
        return .deferred(DeliveryProblem(.connection, easy.describe(code)))
    }
}
