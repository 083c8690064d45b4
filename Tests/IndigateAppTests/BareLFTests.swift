import IndigateTransport
import Testing

@Suite struct BareLFTests {
    @Test func aLineEndingInLFAloneIsFoundWherever() {
        #expect(!SMTPTransport.hasBareLF([]))
        #expect(!SMTPTransport.hasBareLF(Array("a\r\nb\r\n".utf8)))
        #expect(!SMTPTransport.hasBareLF(Array("no line end".utf8)))
        #expect(SMTPTransport.hasBareLF(Array("\n".utf8)))
        #expect(SMTPTransport.hasBareLF(Array("a\r\nb\n".utf8)))
        #expect(SMTPTransport.hasBareLF(Array("a\nb\r\n".utf8)))
        #expect(SMTPTransport.hasBareLF(Array("a\r\r\n\n".utf8)))
        // Every position of a long letter, as the old scan read it.
        var letter = Array(repeating: UInt8(ascii: "x"), count: 70_000)
        for line in stride(from: 76, to: letter.count, by: 78) {
            letter[line] = 0x0D
            letter[line + 1] = 0x0A
        }
        #expect(!SMTPTransport.hasBareLF(letter))
        letter[69_999] = 0x0A
        #expect(SMTPTransport.hasBareLF(letter))
    }
}
