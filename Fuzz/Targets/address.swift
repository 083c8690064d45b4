// address: every address check a sender's bytes reach. The bytes as one address
// (MailAddress.isPlain, MailAddress.token(in:gateway:)); as the From, then the To header of a
// tiny message read by MessageParser; and as a whole header block (so several From headers,
// `From :`, NULs and folding reach the strict From check). The parsed mailboxes go through the
// same checks, as the classifier does with them. Besides crashes it checks what the doc
// comments promise: an address isPlain accepts is printable ASCII with one `@` and none of
// <>"(),;\[], a token is what stands between `monitoring+` and `@domain`, parsed mailboxes are
// lowercased, and a From that is not `fromIsAmbiguous` is exactly one plain mailbox.
@testable import IndigateCore
@testable import IndigateMIME

private let gateway = "monitoring@rcokio.test"
private let bounces = "bounces@rcokio.test"
private let parser = MessageParser(limits: MIMELimits())
private let forbidden = Set("<>\"(),;\\[]".utf8)

private func check(_ address: String) -> Int {
    var sink = 0
    if MailAddress.isPlain(address) {
        let utf8 = Array(address.utf8)
        precondition(utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }, "isPlain accepted a non-printable byte")
        precondition(!utf8.contains(where: forbidden.contains), "isPlain accepted a forbidden character")
        precondition(utf8.filter { $0 == UInt8(ascii: "@") }.count == 1, "isPlain accepted a count of @ other than 1")
        sink &+= 1
        // The gateway address comes from the configuration, which requires isPlain.
        if let token = MailAddress.token(in: "monitoring+tok@rcokio.test", gateway: address) { sink &+= token.utf8.count }
        sink &+= MailAddress.tagged(address, tag: "t").utf8.count
    }
    for gateway in [gateway, bounces] {
        guard let token = MailAddress.token(in: address, gateway: gateway) else { continue }
        let parts = gateway.split(separator: "@")
        precondition(!token.isEmpty, "an empty token")
        precondition(address.lowercased() == "\(parts[0])+\(token)@\(parts[1])", "token \(token) is not the whole tag")
        sink &+= token.utf8.count
    }
    return sink
}

private func parse(_ prefix: String, _ bytes: [UInt8], _ suffix: String) -> Int {
    let message = Array(prefix.utf8) + bytes + Array(suffix.utf8)
    guard let parsed = try? parser.parse(message) else { return 0 }
    var sink = 0
    if !parsed.fromIsAmbiguous {
        precondition(parsed.from.count == 1 && MailAddress.isPlain(parsed.from[0]),
                     "an unambiguous From is not one plain mailbox: \(parsed.from)")
    }
    for address in parsed.from + parsed.recipients + parsed.replyTo {
        precondition(address == address.lowercased(), "a parsed mailbox is not lowercased: \(address)")
        sink &+= check(address)
    }
    return sink
}

@_cdecl("LLVMFuzzerTestOneInput")
public func addressFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var sink = check(String(decoding: bytes, as: UTF8.self))
    sink &+= parse("From: ", bytes, "\r\nTo: monitoring+x@rcokio.test\r\nSubject: t\r\n\r\nbody\r\n")
    sink &+= parse("From: school@example.test\r\nTo: ", bytes, "\r\nSubject: t\r\n\r\nbody\r\n")
    sink &+= parse("", bytes, "\r\n\r\nbody\r\n")
    keep(sink)
    return 0
}

@inline(never) private func keep(_ value: Int) { if value == -1 { print(value) } }
