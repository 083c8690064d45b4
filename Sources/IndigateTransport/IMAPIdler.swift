import CCurl
import CCurlShim
import Foundation

/// Waits for new mail with IMAP IDLE (RFC 2177) on a connection of its own, so that a reply is
/// taken the moment the server has it rather than at the next poll. libcurl logs in
/// (`CURLOPT_CONNECT_ONLY` stops after the login, TLS and STARTTLS as for a poll); the few
/// commands of IDLE go over that connection with `curl_easy_send` and `curl_easy_recv`. Only
/// `* n EXISTS` and the tagged completions are looked at; everything else the server says is
/// skipped. A server that does not offer IDLE is reported once, and the daemon polls.
package final class IMAPIdler: @unchecked Sendable {
    /// RFC 2177: servers may drop an IDLE after 30 minutes; it is renewed before that.
    package static let renewal: TimeInterval = 25 * 60

    let settings: IMAPSource.Settings
    private var easy: CurlEasy?
    private var pending: [UInt8] = []
    private var tag = 0
    private let stopLock = NSLock()
    private var stopped = false

    package init(settings: IMAPSource.Settings) {
        self.settings = settings
    }

    /// Ends a wait in progress within about a second, and every later one at once.
    package func stop() {
        stopLock.lock()
        stopped = true
        stopLock.unlock()
    }

    private var isStopped: Bool {
        stopLock.lock()
        defer { stopLock.unlock() }
        return stopped || settings.stop.isRaised
    }

    /// Blocks until the server reports a new message in the folder (true), or `timeout` passes
    /// or `stop()` is called (false). A call that had to connect returns true at once without
    /// idling: mail that came while nothing watched (before the first login, during an outage)
    /// is announced by no EXISTS, and only a poll finds it. Throws when the server cannot be
    /// reached or logged in to, or offers no IDLE (`TransportError.idleUnsupported`); the
    /// connection is then dropped and the next call makes a new one.
    package func wait(timeout: TimeInterval) throws(TransportError) -> Bool {
        do {
            guard let easy else {
                try connect()
                return true
            }
            let idle = nextTag()
            try send("\(idle) IDLE\r\n", easy)
            _ = try readUntil(easy, deadline: Date().addingTimeInterval(TimeInterval(settings.timeoutSeconds))) {
                $0.hasPrefix("+") ? true : try Self.completion($0, tag: idle, command: "IDLE")
            }
            let deadline = Date().addingTimeInterval(min(timeout, Self.renewal))
            var news = false
            while !news, Date() < deadline, !isStopped {
                news = try readUntil(easy, deadline: min(deadline, Date().addingTimeInterval(1))) { Self.isNews($0) } ?? false
            }
            try send("DONE\r\n", easy)
            _ = try readUntil(easy, deadline: Date().addingTimeInterval(TimeInterval(settings.timeoutSeconds))) {
                if Self.isNews($0) { news = true }
                return try Self.completion($0, tag: idle, command: "IDLE")
            }
            return news
        } catch {
            easy = nil
            pending = []
            throw error
        }
    }

    /// A new message: `* 12 EXISTS` (RECENT too, for servers that send it alone).
    static func isNews(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        return words.count >= 3 && words[0] == "*" && Int(words[1]) != nil && (words[2] == "EXISTS" || words[2] == "RECENT")
    }

    /// True for `TAG OK …`; throws for `TAG NO|BAD …`; nil for any other line.
    static func completion(_ line: String, tag: String, command: String) throws(TransportError) -> Bool? {
        guard line.hasPrefix(tag + " ") else { return nil }
        let status = line.dropFirst(tag.count + 1)
        if status.hasPrefix("OK") { return true }
        throw TransportError("IMAP \(command) refused: \(String(status.prefix(200)))")
    }

    // MARK: - The connection

    private func nextTag() -> String {
        tag += 1
        return "i\(tag)"
    }

    /// A new connection: logged in, IDLE offered, the folder selected.
    private func connect() throws(TransportError) {
        let easy = try CurlEasy(stop: settings.stop)
        let base = settings.url.hasSuffix("/") ? String(settings.url.dropLast()) : settings.url
        try easy.set(CURLOPT_URL, base + "/")
        try easy.set(CURLOPT_USERNAME, settings.username)
        try easy.set(CURLOPT_PASSWORD, settings.password)
        try easy.set(CURLOPT_CONNECTTIMEOUT, settings.timeoutSeconds)
        try easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, settings.timeoutSeconds)
        try easy.setStartTLS(settings.startTLS, url: settings.url)
        try easy.set(CURLOPT_CONNECT_ONLY, 1)
        let code = easy.perform()
        guard code == CURLE_OK else { throw TransportError("IMAP login for IDLE failed: \(easy.describe(code))") }
        // libcurl asked CAPABILITY while logging in; the server's answers are in its lines.
        let capabilities = easy.serverLines.filter { $0.contains("CAPABILITY") }.joined(separator: " ").uppercased()
        guard capabilities.split(separator: " ").contains(where: { $0 == "IDLE" || $0 == "IDLE]" }) else {
            throw TransportError.idleUnsupported
        }
        pending = []
        let select = nextTag()
        let folder =
            "\"" + settings.folder.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
        try send("\(select) SELECT \(folder)\r\n", easy)
        _ = try readUntil(easy, deadline: Date().addingTimeInterval(TimeInterval(settings.timeoutSeconds))) {
            try Self.completion($0, tag: select, command: "SELECT")
        }
        self.easy = easy
    }

    private func send(_ text: String, _ easy: CurlEasy) throws(TransportError) {
        var bytes = Array(text.utf8)
        var sentTotal = 0
        let deadline = Date().addingTimeInterval(TimeInterval(settings.timeoutSeconds))
        while sentTotal < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeMutableBytes { buffer in
                curl_easy_send(easy.handle, buffer.baseAddress! + sentTotal, buffer.count - sentTotal, &sent)
            }
            if code == CURLE_AGAIN {
                guard Date() < deadline else { throw TransportError("IMAP IDLE: the server stopped reading") }
                _ = wait(easy, forWriting: true, milliseconds: 200)
                continue
            }
            guard code == CURLE_OK else { throw TransportError("IMAP IDLE: \(easy.describe(code))") }
            sentTotal += sent
        }
        bytes.removeAll()
    }

    /// Reads lines until `done` returns true for one (returns true) or the deadline passes
    /// (returns nil). A closed connection throws.
    private func readUntil(
        _ easy: CurlEasy, deadline: Date, _ done: (String) throws -> Bool?
    ) throws(TransportError) -> Bool? {
        while true {
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[..<newline], as: UTF8.self).trimmingCharacters(in: .newlines)
                pending.removeSubrange(...newline)
                do {
                    if try done(line) == true { return true }
                } catch let error as TransportError {
                    throw error
                } catch {
                    throw TransportError("\(error)")
                }
            }
            guard pending.count < 1 << 20 else { throw TransportError("IMAP IDLE: a line of over 1 MB") }
            var buffer = [UInt8](repeating: 0, count: 16_384)
            var received = 0
            let code = buffer.withUnsafeMutableBytes { curl_easy_recv(easy.handle, $0.baseAddress, $0.count, &received) }
            switch code {
            case CURLE_OK where received == 0:
                throw TransportError("IMAP IDLE: the server closed the connection")
            case CURLE_OK:
                pending += buffer[..<received]
            case CURLE_AGAIN:
                let left = deadline.timeIntervalSinceNow
                guard left > 0, !isStopped else { return nil }
                _ = wait(easy, forWriting: false, milliseconds: Int32(min(left, 1) * 1000) + 1)
            default:
                throw TransportError("IMAP IDLE: \(easy.describe(code))")
            }
        }
    }

    private func wait(_ easy: CurlEasy, forWriting: Bool, milliseconds: Int32) -> Bool {
        var socket: curl_socket_t = -1
        guard indigate_curl_getinfo_socket(easy.handle, &socket) == CURLE_OK, socket >= 0 else { return false }
        var descriptor = pollfd(fd: socket, events: Int16(forWriting ? POLLOUT : POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) > 0
    }
}
