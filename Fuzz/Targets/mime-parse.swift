// mime-parse: the whole inbound message, as the parse worker reads it. A refused message
// (`MIMEError`) is an answer; a crash, hang, leak or sanitizer report is a finding.
@testable import IndigateCore
@testable import IndigateMIME

private let parser = MessageParser(limits: MIMELimits())

@_cdecl("LLVMFuzzerTestOneInput")
public func mimeParseFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let parsed = try parser.parse(bytes)
        // Read every field the pipeline reads, so nothing the parser built goes unused.
        var sink = parsed.text.utf8.count &+ parsed.subject.utf8.count &+ (parsed.messageID?.utf8.count ?? 0)
        for text in parsed.forwardedTexts { sink &+= text.utf8.count }
        for address in parsed.from + parsed.recipients + parsed.replyTo { sink &+= address.utf8.count }
        for (name, value) in parsed.headers { sink &+= name.utf8.count &+ value.utf8.count }
        for result in parsed.authenticationResults { sink &+= result.utf8.count }
        for attachment in parsed.attachments {
            sink &+= attachment.fileName.utf8.count &+ attachment.contentType.utf8.count &+ attachment.bytes.count
            if attachment.looksLikePDF { sink &+= 1 }
        }
        keep(sink)
    } catch {
        keep(error.description.utf8.count)
    }
    return 0
}

@inline(never) private func keep(_ value: Int) { if value == -1 { print(value) } }
