/// Checks on mailbox addresses before they reach a header or an SMTP envelope.
package enum MailAddress {
    /// Whether `address` is a plain `local@domain` with no spaces, control characters, angle
    /// brackets or quotes: safe for an envelope and a header.
    package static func isPlain(_ address: String) -> Bool {
        guard address.count <= 254, address.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return false }
        let forbidden: Set<Character> = ["<", ">", "\"", "(", ")", ",", ";", "\\", "[", "]"]
        guard !address.contains(where: forbidden.contains) else { return false }
        let halves = address.split(separator: "@", omittingEmptySubsequences: false)
        guard halves.count == 2, !halves[0].isEmpty, halves[1].contains("."),
            !halves[1].hasPrefix("."), !halves[1].hasSuffix(".")
        else { return false }
        return true
    }

    /// The token in a `local+token@domain` address whose local part and domain match
    /// `gateway` (`local@domain`), or nil. Case-insensitive.
    package static func token(in address: String, gateway: String) -> String? {
        let lowered = address.lowercased()
        let gatewayParts = gateway.lowercased().split(separator: "@", omittingEmptySubsequences: false)
        let parts = lowered.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, gatewayParts.count == 2, parts[1] == gatewayParts[1] else { return nil }
        let prefix = gatewayParts[0] + "+"
        guard parts[0].hasPrefix(prefix) else { return nil }
        let token = parts[0].dropFirst(prefix.count)
        return token.isEmpty ? nil : String(token)
    }

    /// `local+tag@domain` for the gateway address `local@domain`.
    package static func tagged(_ gateway: String, tag: String) -> String {
        let parts = gateway.split(separator: "@", maxSplits: 1)
        guard parts.count == 2 else { return gateway }
        return "\(parts[0])+\(tag)@\(parts[1])"
    }
}
