import Crypto
import Foundation
import IndigateCore
import IndigateStore

/// Checks reply and bounce tokens against the current secret and the secrets retired within
/// the grace period, and the contact's token generation. Only Classify holds one.
struct TokenVerifier: Sendable {
    let secretBytes: [UInt8]
    let retired: [Secret.Retired]
    let graceDays: Int

    /// The secrets a token may be signed with at `now`: the current one, then retired ones
    /// within the grace period of their retirement.
    func secrets(at now: Date) -> [SymmetricKey] {
        let grace = TimeInterval(graceDays) * 86_400
        return [SymmetricKey(data: secretBytes)]
            + retired.filter { now.timeIntervalSince($0.retiredAt) <= grace }.map { SymmetricKey(data: $0.bytes) }
    }

    func verify(_ text: String, tx: StoreTransaction, now: Date) -> Result<ReplyToken, ReplyToken.Refusal> {
        ReplyToken.verify(text, secrets: secrets(at: now), now: now, generation: { try? tx.tokenGeneration(contactID: $0) })
    }
}
