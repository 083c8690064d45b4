/// One `Authentication-Results` header (RFC 8601): who wrote it and what each method found.
/// Only headers written by the receiving MTA itself (a configured authserv-id) may be trusted;
/// anyone can put such a header into a message.
package struct AuthenticationResults: Sendable, Equatable {
    /// The authserv-id: the host that did the checks.
    package var authservID: String
    /// Method (lowercased: `dmarc`, `spf`, `dkim`, …) to its results, in order.
    package var results: [String: [String]]

    /// Reads a header value: `mx.example; spf=pass smtp.mailfrom=…; dkim=fail header.d=…; dmarc=fail`.
    package init?(header: String) {
        let withoutComments = Self.strippingComments(header)
        let parts = withoutComments.split(separator: ";", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: [" ", "\t", "\r", "\n"]) }
        guard let first = parts.first, !first.isEmpty else { return nil }
        // The authserv-id may be followed by a version number.
        authservID = String(first.split(separator: " ").first ?? "").lowercased()
        results = [:]
        for part in parts.dropFirst() {
            guard let word = part.split(separator: " ").first, let equals = word.firstIndex(of: "=") else { continue }
            let method = word[..<equals].lowercased()
            let result = word[word.index(after: equals)...].lowercased()
            results[method, default: []].append(result)
        }
    }

    /// Whether `method` reported `result`.
    package func has(_ method: String, _ result: String) -> Bool {
        results[method]?.contains(result) ?? false
    }

    static func strippingComments(_ text: String) -> String {
        var depth = 0
        var output = ""
        for c in text {
            if c == "(" {
                depth += 1
                continue
            }
            if c == ")" {
                depth = max(0, depth - 1)
                continue
            }
            if depth == 0 { output.append(c) }
        }
        return output
    }
}
