import IndigateCore
import Testing

@Suite struct MailAddressTests {
    @Test(arguments: ["a.b@x.test", "school5+x1@minobr.region.test", "Ivanova_A@School.TEST"])
    func acceptsPlainAddresses(address: String) {
        #expect(MailAddress.isPlain(address))
    }

    @Test(arguments: [
        "a.b@x.test\r\nBcc: c@x.test", "a.b@x.test\n", "a b@x.test", "<a.b@x.test>", "a.b@localhost", "a.b@",
        "@x.test", "a@b@x.test", "\"a\"@x.test", "a.b@.x.test", "a.b@x.test.", "", "анна@школа.рф",
    ])
    func refusesAddressesUnsafeForAHeaderOrEnvelope(address: String) {
        #expect(!MailAddress.isPlain(address))
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
