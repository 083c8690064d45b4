import IndigateCore
import Testing

@testable import IndigateApp

/// What the classifier reads from a message alone, beside the parse: the tokens it is addressed
/// with and whether it is an auto-reply.
@Suite struct AddressingTests {
    static let classifier = Classifier(
        tokens: TokenVerifier(secretBytes: Array(repeating: 7, count: 32), retired: [], graceDays: 0),
        gatewayAddress: "monitoring@minobr.test", bounceAddress: "bounces@minobr.test",
        security: IndigateConfig.Security(trustedAuthservIDs: [], quarantineSPFFail: true, answerUntokened: true))

    @Test func aReplyIsAddressedWithTheTokenOfItsRecipientAtTheGateway() {
        let message = ParsedMessage(
            subject: "Re: данные", from: ["school@example.ru"],
            recipients: ["other@minobr.test", "Monitoring+ABC234@Minobr.Test"])
        #expect(Self.classifier.addressing(of: message) == Addressing(replyToken: "abc234"))
    }

    @Test func aBounceIsAddressedWithItsVERPTokenAndAnAutoReplyIsNamed() {
        let bounce = ParsedMessage(
            subject: "Undeliverable: данные", from: ["mailer-daemon@example.ru"], recipients: ["bounces+xyz789@minobr.test"])
        #expect(
            Self.classifier.addressing(of: bounce) == Addressing(bounceToken: "xyz789", autoReply: .autoReplySubject))
    }

    /// Without a token in an address, the filled request form's token counts (lowercased, at
    /// most 200 characters); the address's, when there is one, comes first.
    @Test func aFormsTokenCountsWhenNoAddressHasOne() {
        let form = ParsedMessage.Attachment(
            fileName: "форма.xlsx", contentType: "application/octet-stream", bytes: [],
            form: ReplyForm(tokens: ["FORM" + String(repeating: "x", count: 300)]))
        var message = ParsedMessage(from: ["school@example.ru"], recipients: ["monitoring@minobr.test"], attachments: [form])
        #expect(Self.classifier.addressing(of: message).replyToken == "form" + String(repeating: "x", count: 196))
        message.recipients.append("monitoring+abc234@minobr.test")
        #expect(Self.classifier.addressing(of: message).replyToken == "abc234")
    }
}
