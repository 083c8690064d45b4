import Crypto
import Foundation
import IndigateCore

/// Mints reply and bounce tokens under the installation's current secret. Only the Outbox's
/// letter writer holds one; checking tokens is Classify's (`TokenVerifier`).
struct TokenSigner: Sendable {
    /// The secret's bytes (SymmetricKey is not Sendable on Linux; one is made per use).
    let secretBytes: [UInt8]
    let lifetimeDays: Int

    func token(contactID: Int64, purpose: TokenPurpose, subjectID: Int64, generation: UInt32, now: Date) -> String {
        ReplyToken(contactID: contactID, purpose: purpose, subjectID: subjectID, now: now, lifetimeDays: lifetimeDays)
            .encoded(secret: SymmetricKey(data: secretBytes), generation: generation)
    }
}
