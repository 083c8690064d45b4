import Crypto
import Foundation
import Testing

@testable import IndigateCore

@Suite struct ReplyTokenTests {
    static var secret: SymmetricKey { SymmetricKey(data: Data(repeating: 0x5A, count: 32)) }
    static var otherSecret: SymmetricKey { SymmetricKey(data: Data(repeating: 0xA5, count: 32)) }
    /// 2020-09-16T10:12:00Z.
    static let now = Date(timeIntervalSince1970: 1_600_251_120)

    let token = ReplyToken(contactID: 4217, purpose: .request, subjectID: 31, now: Self.now, lifetimeDays: 60)

    var text: String { token.encoded(secret: Self.secret) }

    @Test func verifiesTheTokenItEncoded() {
        #expect(ReplyToken.verify(text, secrets: [Self.secret], now: Self.now) == .success(token))
    }

    @Test(arguments: TokenPurpose.allCases)
    func keepsEveryFieldThroughTheRoundTrip(purpose: TokenPurpose) {
        let token = ReplyToken(contactID: 4_000_000_000, purpose: purpose, subjectID: 65_537, expiryDay: 18_600)
        let verified = ReplyToken.verify(token.encoded(secret: Self.secret), secrets: [Self.secret], now: Self.now)
        #expect(verified == .success(token))
    }

    @Test func expiresLifetimeDaysAfterNow() {
        #expect(token.expiryDay == 18_521 + 60)
    }

    @Test func isAtMostFortyLowercaseBase32Characters() {
        #expect(text.count <= 40)
        #expect(text.allSatisfy { "abcdefghijklmnopqrstuvwxyz234567".contains($0) })
    }

    @Test func verifiesWhenAMailboxUppercasedIt() {
        #expect(ReplyToken.verify(text.uppercased(), secrets: [Self.secret], now: Self.now) == .success(token))
    }

    /// `text` with the character at `offset` replaced by `replacement`.
    func altered(at offset: Int, to replacement: Character) -> String {
        var characters = Array(text)
        characters[offset] = replacement
        return String(characters)
    }

    @Test func refusesTheTokenWithAnyOneCharacterAltered() {
        for offset in 0..<text.count {
            for replacement in "abcdefghijklmnopqrstuvwxyz234567" where replacement != Array(text)[offset] {
                let result = ReplyToken.verify(altered(at: offset, to: replacement), secrets: [Self.secret], now: Self.now)
                #expect(
                    result == .failure(.badSignature) || result == .failure(.malformed),
                    "offset \(offset) → \(replacement)")
            }
        }
    }

    /// 22 bytes take 176 bits and 36 characters carry 180: the last character's four low bits
    /// are padding, and only the canonical (zero) padding may verify.
    @Test func refusesANonCanonicalLastCharacterAsMalformed() throws {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        let last = try #require(text.last)
        let index = try #require(alphabet.firstIndex(of: last))
        #expect(index % 16 == 0, "the encoder writes zero padding")
        let sameBits = alphabet[index | 1]
        let result = ReplyToken.verify(altered(at: text.count - 1, to: sameBits), secrets: [Self.secret], now: Self.now)
        #expect(result == .failure(.malformed))
    }

    @Test func refusesAnotherSecretsSignature() {
        #expect(ReplyToken.verify(text, secrets: [Self.otherSecret], now: Self.now) == .failure(.badSignature))
        #expect(ReplyToken.verify(text, secrets: [], now: Self.now) == .failure(.badSignature))
    }

    @Test func acceptsTheSecondSecretDuringRotation() {
        let verified = ReplyToken.verify(text, secrets: [Self.otherSecret, Self.secret], now: Self.now)
        #expect(verified == .success(token))
    }

    @Test func acceptsTheTokenOnItsLastDayAndRefusesItTheDayAfter() {
        let lastDay = Date(timeIntervalSince1970: Double(token.expiryDay) * 86_400 + 86_399)
        #expect(ReplyToken.verify(text, secrets: [Self.secret], now: lastDay) == .success(token))
        let dayAfter = lastDay.addingTimeInterval(1)
        #expect(ReplyToken.verify(text, secrets: [Self.secret], now: dayAfter) == .failure(.expired))
    }

    @Test func checksTheSignatureBeforeTheExpiry() {
        let late = Self.now.addingTimeInterval(365 * 86_400)
        #expect(ReplyToken.verify(text, secrets: [Self.otherSecret], now: late) == .failure(.badSignature))
    }

    @Test(arguments: ["", "hello", "not-base32!", String(repeating: "a", count: 36), String(repeating: "a", count: 41)])
    func refusesGarbageAsMalformed(garbage: String) {
        #expect(ReplyToken.verify(garbage, secrets: [Self.secret], now: Self.now) == .failure(.malformed))
    }

    @Test func refusesATruncatedOrExtendedTokenAsMalformed() {
        #expect(ReplyToken.verify(String(text.dropLast(2)), secrets: [Self.secret], now: Self.now) == .failure(.malformed))
        #expect(ReplyToken.verify(text + "aa", secrets: [Self.secret], now: Self.now) == .failure(.malformed))
    }

    @Test func encodesDifferentTokensForDifferentContacts() {
        let other = ReplyToken(contactID: 4218, purpose: .request, subjectID: 31, now: Self.now, lifetimeDays: 60)
        #expect(other.encoded(secret: Self.secret) != text)
    }
}
