import Crypto
import Foundation

/// The token in every Reply-To that binds a reply to its recipient and purpose: an HMAC-SHA256
/// (truncated to 80 bits) under the installation's secret over version, contact, purpose,
/// subject (a round or a letter) and expiry day, in 36 base32 characters.
package struct ReplyToken: Sendable, Equatable {
    package static let version: UInt8 = 1
    static let macLength = 10

    /// The contact's row id.
    package var contactID: Int64
    package var purpose: TokenPurpose
    /// A round id for requests and receipts, a letter id for reviews and digests.
    package var subjectID: Int64
    /// The last day (days since 1970-01-01, UTC) on which the token is accepted.
    package var expiryDay: Int

    package init(contactID: Int64, purpose: TokenPurpose, subjectID: Int64, expiryDay: Int) {
        self.contactID = contactID
        self.purpose = purpose
        self.subjectID = subjectID
        self.expiryDay = expiryDay
    }

    /// A token that expires `lifetimeDays` after `now`.
    package init(contactID: Int64, purpose: TokenPurpose, subjectID: Int64, now: Date, lifetimeDays: Int) {
        self.init(
            contactID: contactID, purpose: purpose, subjectID: subjectID,
            expiryDay: Self.day(of: now) + lifetimeDays)
    }

    /// Days since 1970-01-01 (UTC) of `date`: the unit of `expiryDay`.
    package static func day(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    var payload: [UInt8] {
        var bytes: [UInt8] = [Self.version, purpose.rawValue]
        bytes += Self.bigEndian(UInt32(truncatingIfNeeded: contactID))
        bytes += Self.bigEndian(UInt32(truncatingIfNeeded: subjectID))
        bytes += Self.bigEndian(UInt16(truncatingIfNeeded: expiryDay))
        return bytes
    }

    /// The token text under `secret`. `generation` is the contact's token generation: it is
    /// signed but not written into the token, so raising it (revocation) voids every token
    /// issued before.
    package func encoded(secret: SymmetricKey, generation: UInt32 = 0) -> String {
        Base32.encode(payload + Self.mac(payload, generation: generation, secret: secret))
    }

    static func mac(_ payload: [UInt8], generation: UInt32, secret: SymmetricKey) -> [UInt8] {
        let signed = payload + bigEndian(generation)
        return Array(Array(HMAC<SHA256>.authenticationCode(for: signed, using: secret)).prefix(macLength))
    }

    /// Why a token was refused.
    package enum Refusal: Error, Sendable, Equatable {
        case malformed
        /// Not signed by any current secret for the contact's current generation: forged,
        /// altered, signed by a retired secret, or revoked.
        case badSignature
        case expired
        /// The contact it names does not exist.
        case unknownContact
    }

    /// `verify` for tokens of generation 0 (no revocation).
    package static func verify(_ text: String, secrets: [SymmetricKey], now: Date) -> Result<ReplyToken, Refusal> {
        verify(text, secrets: secrets, now: now, generation: { _ in 0 })
    }

    /// Checks `text` against each of `secrets` (the current one first, then those still in their
    /// grace period) and the clock. Nothing else in the message is trusted.
    /// - Parameter generation: the contact's current token generation, or nil if there is no
    ///   such contact.
    package static func verify(
        _ text: String, secrets: [SymmetricKey], now: Date, generation: (Int64) -> UInt32?
    ) -> Result<ReplyToken, Refusal> {
        guard text.count <= 40, let bytes = Base32.decode(text), bytes.count == 12 + macLength,
            bytes[0] == version, let purpose = TokenPurpose(rawValue: bytes[1]),
            // The last character carries 4 padding bits: only the canonical spelling counts,
            // so no two texts verify as the same token.
            Base32.encode(bytes) == text.lowercased()
        else { return .failure(.malformed) }
        let payload = Array(bytes[0..<12])
        let mac = Array(bytes[12...])
        guard let generation = generation(Int64(uint32(bytes, at: 2))) else { return .failure(.unknownContact) }
        let signed = secrets.contains { secret in
            constantTimeEqual(Self.mac(payload, generation: generation, secret: secret), mac)
        }
        guard signed else { return .failure(.badSignature) }
        let token = ReplyToken(
            contactID: Int64(uint32(bytes, at: 2)), purpose: purpose,
            subjectID: Int64(uint32(bytes, at: 6)),
            expiryDay: Int(UInt16(bytes[10]) << 8 | UInt16(bytes[11])))
        guard day(of: now) <= token.expiryDay else { return .failure(.expired) }
        return .success(token)
    }

    static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
