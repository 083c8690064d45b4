import IndigateCore
import Testing

@Suite struct HexTests {
    @Test func bytesAreTwoLowercaseDigitsEach() {
        #expect([UInt8]().hex == "")
        #expect([0x00, 0x0F, 0x10, 0xAB, 0xFF].hex == "000f10abff")
        let all = (0...255).map(UInt8.init)
        #expect(
            all.hex == all.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        )
    }
}
