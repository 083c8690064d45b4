import IndigateCore
import Testing

@Suite struct MailAddressTests {
    @Test(arguments: ["a.b@x.test", "school5+x1@minobr.region.test", "Ivanova_A@School.TEST"])
    func acceptsPlainAddresses(address: String) {
        #expect(MailAddress.isPlain(address))
    }

    @Test(arguments: [
        "a.b@x.test\r\nBcc: c@x.test", "a.b@x.test\n", "a b@x.test", "<a.b@x.test>", "a.b@localhost", "a.b@",
        "@x.test", "a@b@x.test", "\"a\"@x.test", "a.b@.x.test", "a.b@x.test.", "", "анна@школа.рф", "a(b@x.test",
        "a,b@x.test", "a;b@x.test", "a\\b@x.test", "a[b]@x.test", "a\u{7F}b@x.test",
    ])
    func refusesAddressesUnsafeForAHeaderOrEnvelope(address: String) {
        #expect(!MailAddress.isPlain(address))
    }

    /// The check as it was written by characters, the definition the byte-wise one keeps.
    static func plainByCharacters(_ address: String) -> Bool {
        guard address.count <= 254, address.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return false }
        let forbidden: Set<Character> = ["<", ">", "\"", "(", ")", ",", ";", "\\", "[", "]"]
        guard !address.contains(where: forbidden.contains) else { return false }
        let halves = address.split(separator: "@", omittingEmptySubsequences: false)
        return halves.count == 2 && !halves[0].isEmpty && halves[1].contains(".") && !halves[1].hasPrefix(".")
            && !halves[1].hasSuffix(".")
    }

    @Test func agreesWithTheCheckByCharactersOnRandomAddresses() {
        let pieces = [
            "a", "Z", "0", "@", ".", "+", "-", "_", " ", "\r\n", "\t", "\u{7F}", "<", ">", "\"", "(", ")", ",", ";",
            "\\", "[", "]", "ш", "é", "x.test", String(repeating: "a", count: 120),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let address = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
            #expect(MailAddress.isPlain(address) == Self.plainByCharacters(address), "\(address.debugDescription)")
        }
    }

    @Test func refusesAnOverlongAddress() {
        #expect(!MailAddress.isPlain(String(repeating: "a", count: 250) + "@x.test"))
    }

    @Test func findsTheTokenCaseInsensitively() {
        #expect(MailAddress.token(in: "Indigate+ABC234@Minobr.TEST", gateway: "indigate@minobr.test") == "abc234")
        #expect(MailAddress.token(in: "indigate+abc234@minobr.test", gateway: "INDIGATE@MINOBR.TEST") == "abc234")
    }

    @Test func refusesATokenAtAnotherDomain() {
        #expect(MailAddress.token(in: "indigate+abc234@evil.test", gateway: "indigate@minobr.test") == nil)
        #expect(MailAddress.token(in: "indigate+abc234@sub.minobr.test", gateway: "indigate@minobr.test") == nil)
    }

    @Test func refusesAnotherLocalPartOrAMissingToken() {
        #expect(MailAddress.token(in: "other+abc234@minobr.test", gateway: "indigate@minobr.test") == nil)
        #expect(MailAddress.token(in: "xindigate+abc234@minobr.test", gateway: "indigate@minobr.test") == nil)
        #expect(MailAddress.token(in: "indigate@minobr.test", gateway: "indigate@minobr.test") == nil)
        #expect(MailAddress.token(in: "indigate+@minobr.test", gateway: "indigate@minobr.test") == nil)
    }

    @Test func tagsTheGatewayAddress() {
        #expect(MailAddress.tagged("indigate@minobr.test", tag: "abc") == "indigate+abc@minobr.test")
        #expect(
            MailAddress.token(in: MailAddress.tagged("indigate@minobr.test", tag: "xyz"), gateway: "indigate@minobr.test")
                == "xyz")
    }
}

@Suite struct MailAddressEdgeTests {
    @Test func refusesATokenAddressWithAnEmptyPart() {
        #expect(MailAddress.token(in: "monitoring+x@@rcokio.test", gateway: "monitoring@rcokio.test") == nil)
    }
}
