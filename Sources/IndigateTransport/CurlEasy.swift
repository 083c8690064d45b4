import CCurl
import CCurlShim
import IndigateCore

/// One libcurl easy handle, owned: created in `init`, cleaned up in `deinit`. Requests made
/// through the same handle reuse its connection (one SMTP session per flush, one IMAP session
/// per poll). Not to be shared across threads. `CURLOPT_NOSIGNAL` is set: timeouts never raise
/// signals in a threaded daemon.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    /// Bytes the server sent as data (IMAP untagged responses, fetched bodies).
    fileprivate(set) var received: [UInt8] = []
    /// Lines the server sent as protocol responses (SMTP replies, IMAP tagged lines).
    fileprivate(set) var serverLines: [String] = []
    /// The TLS protocol and cipher of the connection (`TLSv1.3 / TLS_AES_256_GCM_SHA384`), nil
    /// while it is plain.
    fileprivate(set) var tls: String?
    fileprivate var upload: [UInt8] = []
    fileprivate var uploadOffset = 0
    /// libcurl writes its error text here during every transfer, so the memory is owned for the
    /// handle's whole life (a Swift array's buffer pointer is only valid inside its closure).
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Ends transfers on this handle when raised; kept alive as long as the handle.
    private let stop: TransferStop

    init(stop: TransferStop) throws(TransportError) {
        self.stop = stop
        _ = Curl.initialized
        guard let handle = curl_easy_init() else { throw TransportError("libcurl: cannot create a handle") }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try set(CURLOPT_NOSIGNAL, 1)
        let context = Unmanaged.passUnretained(self).toOpaque()
        indigate_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        indigate_curl_setopt_pointer(handle, CURLOPT_READDATA, context)
        indigate_curl_setopt_pointer(handle, CURLOPT_DEBUGDATA, context)
        indigate_curl_setopt_write_function(handle, curlWrite)
        indigate_curl_setopt_read_function(handle, curlRead)
        indigate_curl_setopt_debug_function(handle, curlDebug)
        try set(CURLOPT_VERBOSE, 1)  // feeds the debug callback with the server's lines
        _ = indigate_curl_abort_on_flag(handle, stop.flag)
        _ = indigate_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(indigate_curl_setopt_long(handle, option, value), "setting option \(option.rawValue)")
    }

    func set(_ option: CURLoption, _ value: String) throws(TransportError) {
        try check(indigate_curl_setopt_string(handle, option, value), "setting option \(option.rawValue)")
    }

    /// TLS for a plain `smtp://` or `imap://` URL: `required` (STARTTLS or fail), `off`, or
    /// `opportunistic` (STARTTLS when the server offers it). `smtps://` and `imaps://` are TLS
    /// from the start and ignore this.
    func setStartTLS(_ mode: String, url: String) throws(TransportError) {
        guard url.hasPrefix("smtp://") || url.hasPrefix("imap://") else { return }
        let level =
            switch mode {
            case "required": CURLUSESSL_ALL.rawValue
            case "off": CURLUSESSL_NONE.rawValue
            default: CURLUSESSL_TRY.rawValue
            }
        try set(CURLOPT_USE_SSL, Int(level))
    }

    /// Resets a string option to libcurl's default (NULL).
    func reset(_ option: CURLoption) throws(TransportError) {
        try check(indigate_curl_setopt_string(handle, option, nil), "resetting option \(option.rawValue)")
    }

    /// Sets a string-list option; the list lives until the handle is cleaned up.
    func set(_ option: CURLoption, list values: [String]) throws(TransportError) {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for value in values { list = curl_slist_append(list, value) }
        if let list { lists.append(list) }
        try check(indigate_curl_setopt_slist(handle, option, list), "setting list option \(option.rawValue)")
    }

    /// Runs one transfer. `body` is uploaded when given. Returns libcurl's code; the server's
    /// lines and data are in `serverLines` and `received`.
    func perform(uploading body: [UInt8]? = nil) -> CURLcode {
        received.removeAll(keepingCapacity: true)
        serverLines.removeAll(keepingCapacity: true)
        errorBuffer[0] = 0
        upload = body ?? []
        uploadOffset = 0
        _ = indigate_curl_setopt_long(handle, CURLOPT_UPLOAD, body == nil ? 0 : 1)
        if let body { _ = indigate_curl_setopt_long(handle, CURLOPT_INFILESIZE, body.count) }
        return curl_easy_perform(handle)
    }

    /// The last protocol response code (an SMTP reply code such as 250 or 550).
    var responseCode: Int {
        var code = 0
        _ = indigate_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// libcurl's explanation of the last failure.
    func describe(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        let text = String(cString: curl_easy_strerror(code))
        return detail.isEmpty ? text : "\(text): \(detail)"
    }

    private func check(_ code: CURLcode, _ what: String) throws(TransportError) {
        guard code == CURLE_OK else { throw TransportError("libcurl: \(what): \(String(cString: curl_easy_strerror(code)))") }
    }

    fileprivate static func from(_ context: UnsafeMutableRawPointer?) -> CurlEasy {
        Unmanaged<CurlEasy>.fromOpaque(context!).takeUnretainedValue()
    }
}

private func curlWrite(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?)
    -> Int
{
    let easy = CurlEasy.from(context)
    let length = size * count
    if let data, length > 0 {
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            easy.received.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
    }
    return length
}

private func curlRead(_ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?)
    -> Int
{
    let easy = CurlEasy.from(context)
    guard let buffer else { return 0 }
    let length = min(size * count, easy.upload.count - easy.uploadOffset)
    guard length > 0 else { return 0 }
    easy.upload.withUnsafeBytes { source in
        UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + easy.uploadOffset, byteCount: length)
    }
    easy.uploadOffset += length
    return length
}

private func curlDebug(
    _ handle: UnsafeMutableRawPointer?, _ type: curl_infotype, _ data: UnsafeMutablePointer<CChar>?, _ size: Int,
    _ context: UnsafeMutableRawPointer?
) -> Int32 {
    guard type == CURLINFO_HEADER_IN || type == CURLINFO_TEXT, let data, size > 0 else { return 0 }
    let easy = CurlEasy.from(context)
    let text = data.withMemoryRebound(to: UInt8.self, capacity: size) {
        String(decoding: UnsafeBufferPointer(start: $0, count: size), as: UTF8.self)
    }
    if type == CURLINFO_TEXT {
        // libcurl's OpenSSL backend says which protocol and cipher the session uses.
        // (A byte search first: libcurl says several things a letter, and this is said once.)
        if text.utf8.contains(bytesOf: "SSL connection using "), let range = text.range(of: "SSL connection using ") {
            easy.tls = String(text[range.upperBound...].prefix { !$0.isNewline })
        }
        return 0
    }
    easy.serverLines.append(contentsOf: text.lines.filter { !$0.isEmpty }.map(String.init))
    if easy.serverLines.count > 200 { easy.serverLines.removeFirst(easy.serverLines.count - 200) }
    return 0
}
