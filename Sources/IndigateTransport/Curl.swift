import CCurl
import CCurlShim

/// The libcurl behind the SMTP and IMAP transports.
package enum Curl {
    /// Initialises libcurl once per process (before any thread uses it).
    package static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    /// libcurl's version line («libcurl/7.88.1 OpenSSL/3.0.17 …»).
    package static var version: String {
        curl_version().map { String(cString: $0) } ?? "unknown"
    }
}
