import CCurl
import Foundation

/// Takes replies from an IMAP folder with libcurl (`imap://`, `imaps://`, STARTTLS). Fetching
/// sets `\Seen`, so `\Seen` means nothing here: a message handled (its effects committed) is
/// moved to the processed folder with `UID MOVE`, or flagged with a keyword of indigate's.
/// UIDVALIDITY and the last UID taken are kept by the caller (in SQLite); when UIDVALIDITY
/// changes the folder is read again from the start, and the archive's SHA-256 and Message-ID
/// checks keep anything from being handled twice.
package final class IMAPSource: InboundSource, @unchecked Sendable {
    package struct Settings: Sendable, Equatable {
        /// `imap://host:port` or `imaps://host:port`.
        package var url: String
        package var username: String
        package var password: String
        package var folder: String
        /// Where handled messages go (`UID MOVE`); nil: flag them with `keyword` instead.
        package var processedFolder: String?
        package var keyword: String
        /// `required`, `opportunistic` or `off` (for `imap://`).
        package var startTLS: String
        package var timeoutSeconds: Int
        /// Ends this source's transfers when the daemon stops.
        package var stop: TransferStop

        package init(
            url: String, username: String, password: String, folder: String = "INBOX",
            processedFolder: String? = "Processed", keyword: String = "indigate-done", startTLS: String = "opportunistic",
            timeoutSeconds: Int = 60, stop: TransferStop = TransferStop()
        ) {
            self.stop = stop
            self.url = url
            self.username = username
            self.password = password
            self.folder = folder
            self.processedFolder = processedFolder
            self.keyword = keyword
            self.startTLS = startTLS
            self.timeoutSeconds = timeoutSeconds
        }
    }

    /// Where UIDVALIDITY and the last UID are kept between runs.
    package protocol StateKeeper: Sendable {
        func load(folder: String) throws -> (uidValidity: UInt32, lastUID: UInt32)?
        func save(folder: String, uidValidity: UInt32, lastUID: UInt32) throws
    }

    package let settings: Settings
    package let limits: InboundLimits
    let state: any StateKeeper
    private let lock = NSLock()
    private var createdProcessedFolder = false

    package init(settings: Settings, state: any StateKeeper, limits: InboundLimits = InboundLimits(messageBytes: 50 << 20)) {
        self.settings = settings
        self.state = state
        self.limits = limits
    }

    package func fetch(limit: Int, maxBytes: Int, skipping: Set<String>) throws(TransportError) -> [InboundItem] {
        lock.lock()
        defer { lock.unlock() }
        let easy = try session()
        // Dovecot answers STATUS on the mailbox this session has selected from the session's own
        // view, which only a command on the mailbox brings up to date: without this NOOP a new
        // reply is seen one pass late.
        try easy.set(CURLOPT_URL, mailboxURL)
        try command(easy, "NOOP")
        let (validity, next) = try status(easy)
        var lastUID: UInt32 = 0
        do {
            if let saved = try state.load(folder: settings.folder), saved.uidValidity == validity { lastUID = saved.lastUID }
        } catch {
            throw TransportError("cannot read the IMAP state: \(error)")
        }
        guard next > lastUID + 1 || settings.processedFolder != nil else { return [] }
        let criteria = settings.processedFolder == nil ? "UNKEYWORD \(settings.keyword)" : "ALL"
        let uids = try search(easy, criteria: "UID \(lastUID + 1):* \(criteria)").filter {
            $0 > lastUID && !skipping.contains(Self.handle(validity: validity, uid: $0))
        }.sorted()
        let wanted = Array(uids.prefix(limit))
        let sizes = try self.sizes(easy, uids: wanted)
        var items: [InboundItem] = []
        var bytes = 0
        for uid in wanted {
            guard items.isEmpty || bytes < maxBytes else { break }
            let size = sizes[uid] ?? 0
            // A message over the limit is never fetched whole: its first part carries the headers.
            let partial = size > limits.messageBytes ? ";PARTIAL=0.\(InboundLimits.prefixBytes)" : ""
            try easy.set(CURLOPT_URL, mailboxURL + ";UID=\(uid)" + partial)
            try easy.reset(CURLOPT_CUSTOMREQUEST)
            let code = easy.perform()
            guard code == CURLE_OK else { throw TransportError("IMAP fetch of UID \(uid) failed: \(easy.describe(code))") }
            items.append(
                InboundItem(
                    source: "imap:\(validity):\(uid)", raw: easy.received, handle: Self.handle(validity: validity, uid: uid),
                    size: max(size, easy.received.count)))
            bytes += easy.received.count
        }
        return items
    }

    /// A message's handle: its folder's UIDVALIDITY and its UID (read back by `markDone`).
    static func handle(validity: UInt32, uid: UInt32) -> String { "\(validity):\(uid)" }

    /// The RFC822.SIZE of each UID, in one command.
    private func sizes(_ easy: CurlEasy, uids: [UInt32]) throws(TransportError) -> [UInt32: Int] {
        guard !uids.isEmpty else { return [:] }
        try easy.set(CURLOPT_URL, mailboxURL)
        let text = try command(easy, "UID FETCH \(uids.map(String.init).joined(separator: ",")) (RFC822.SIZE)")
        var sizes: [UInt32: Int] = [:]
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("* ") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" })
            func value(after key: String) -> Substring? {
                words.firstIndex { $0.uppercased() == key }.flatMap {
                    words.index(after: $0) < words.endIndex ? words[words.index(after: $0)] : nil
                }
            }
            if let uid = value(after: "UID").flatMap({ UInt32($0) }), let size = value(after: "RFC822.SIZE").flatMap({ Int($0) })
            {
                sizes[uid] = size
            }
        }
        return sizes
    }

    /// Logs in as a poll would and asks the folder's size, taking nothing: what `indigate
    /// check` reports. Throws with libcurl's and the server's words when it cannot.
    package func probe() throws(TransportError) -> ServerProbe {
        lock.lock()
        defer { lock.unlock() }
        let easy = try session()
        try easy.set(CURLOPT_URL, baseURL + "/")
        let status = try command(easy, "STATUS \(quoted(settings.folder)) (MESSAGES)")
        let count = status.range(of: "MESSAGES ").map { Int(status[$0.upperBound...].prefix { $0.isNumber }) ?? 0 }
        var probe = ServerProbe(
            greeting: easy.serverLines.first ?? "", tls: easy.tls ?? (settings.url.hasPrefix("imaps://") ? "TLS" : nil),
            login: settings.username)
        probe.notes.append("folder \(settings.folder): \(count ?? 0) messages")
        if let processed = settings.processedFolder {
            try easy.set(CURLOPT_CUSTOMREQUEST, "STATUS \(quoted(processed)) (MESSAGES)")
            probe.notes.append(
                easy.perform() == CURLE_OK
                    ? "processed folder \(processed) exists" : "processed folder \(processed) made on first use")
        }
        return probe
    }

    package func markDone(_ item: InboundItem) throws(TransportError) {
        lock.lock()
        defer { lock.unlock() }
        let parts = item.handle.split(separator: ":").compactMap { UInt32($0) }
        guard parts.count == 2 else { throw TransportError("bad IMAP handle \(item.handle)") }
        let easy = try session()
        try easy.set(CURLOPT_URL, mailboxURL)
        if let processed = settings.processedFolder {
            if !createdProcessedFolder {
                try easy.set(CURLOPT_CUSTOMREQUEST, "CREATE \(quoted(processed))")
                _ = easy.perform()  // "already exists" is fine
                createdProcessedFolder = true
            }
            try command(easy, "UID MOVE \(parts[1]) \(quoted(processed))")
        } else {
            try command(easy, "UID STORE \(parts[1]) +FLAGS (\(settings.keyword))")
        }
        do {
            try state.save(folder: settings.folder, uidValidity: parts[0], lastUID: parts[1])
        } catch {
            throw TransportError("cannot save the IMAP state: \(error)")
        }
    }

    // MARK: - Session

    private var cached: CurlEasy?

    /// One handle (so one connection, logged in once) for the source's life.
    private func session() throws(TransportError) -> CurlEasy {
        if let cached { return cached }
        let easy = try CurlEasy(stop: settings.stop)
        try easy.set(CURLOPT_USERNAME, settings.username)
        try easy.set(CURLOPT_PASSWORD, settings.password)
        try easy.set(CURLOPT_CONNECTTIMEOUT, settings.timeoutSeconds)
        try easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, settings.timeoutSeconds)
        try easy.set(CURLOPT_TIMEOUT, settings.timeoutSeconds * 5)
        try easy.setStartTLS(settings.startTLS, url: settings.url)
        cached = easy
        return easy
    }

    private var baseURL: String { settings.url.hasSuffix("/") ? String(settings.url.dropLast()) : settings.url }
    private var mailboxURL: String {
        baseURL + "/" + (settings.folder.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? settings.folder)
    }

    private func status(_ easy: CurlEasy) throws(TransportError) -> (UInt32, UInt32) {
        try easy.set(CURLOPT_URL, baseURL + "/")
        let text = try command(easy, "STATUS \(quoted(settings.folder)) (UIDVALIDITY UIDNEXT)")
        func number(after key: String) -> UInt32? {
            guard let range = text.range(of: key) else { return nil }
            return UInt32(text[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber })
        }
        guard let validity = number(after: "UIDVALIDITY"), let next = number(after: "UIDNEXT") else {
            throw TransportError("IMAP STATUS gave no UIDVALIDITY/UIDNEXT")
        }
        return (validity, next)
    }

    private func search(_ easy: CurlEasy, criteria: String) throws(TransportError) -> [UInt32] {
        try easy.set(CURLOPT_URL, mailboxURL)
        let text = try command(easy, "UID SEARCH \(criteria)")
        return text.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("* SEARCH") }
            .flatMap { $0.dropFirst("* SEARCH".count).split(separator: " ").compactMap { UInt32($0) } }
    }

    @discardableResult
    private func command(_ easy: CurlEasy, _ request: String) throws(TransportError) -> String {
        try easy.set(CURLOPT_CUSTOMREQUEST, request)
        let code = easy.perform()
        guard code == CURLE_OK else {
            cached = nil  // reconnect next time
            throw TransportError(
                "IMAP \(request.split(separator: " ").prefix(2).joined(separator: " ")) failed: \(easy.describe(code))")
        }
        return String(decoding: easy.received, as: UTF8.self)
    }

    private func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
