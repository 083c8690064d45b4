/// Checks on mailbox addresses before they reach a header or an SMTP envelope.
package enum MailAddress {
    /// Whether `address` is a plain `local@domain` with no spaces, control characters, angle
    /// brackets or quotes: safe for an envelope and a header. By bytes: once every byte is
    /// printable ASCII, a byte is a character (every letter composed checks three addresses).
    package static func isPlain(_ address: String) -> Bool {
        let bytes = address.utf8
        guard bytes.count <= 254, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !isForbidden($0) }) else { return false }
        let halves = bytes.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        let dot = UInt8(ascii: ".")
        guard halves.count == 2, !halves[0].isEmpty, halves[1].contains(dot), halves[1].first != dot, halves[1].last != dot
        else { return false }
        return true
    }

    /// A byte that has a meaning in a header or an envelope around an address: `<>"(),;\[]`.
    static func isForbidden(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3C, 0x3E, 0x22, 0x28, 0x29, 0x2C, 0x3B, 0x5C, 0x5B, 0x5D: true
        default: false
        }
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
