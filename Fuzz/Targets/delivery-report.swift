// delivery-report: a bounce. The input is split at NUL bytes into the message's text, its
// subject, the body of a message/delivery-status attachment and, optionally, an
// X-Failed-Recipients header: `text \0 subject \0 status [\0 failed-recipients]`. With fewer
// than two NULs there is no attachment, so the text-only (non-standard bounce) path runs.
@testable import IndigateCore

@_cdecl("LLVMFuzzerTestOneInput")
public func deliveryReportFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let parts = bytes.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
    func text(_ index: Int) -> String { index < parts.count ? String(decoding: parts[index], as: UTF8.self) : "" }
    var message = ParsedMessage(subject: text(1), text: text(0))
    if parts.count >= 3 {
        let type = parts[2].first.map { $0 & 1 == 1 } == true ? "message/global-delivery-status" : "message/delivery-status"
        message.attachments = [ParsedMessage.Attachment(fileName: "", contentType: type, bytes: Array(parts[2]))]
    }
    if parts.count == 4 { message.headers["x-failed-recipients"] = text(3) }
    var sink = 0
    if let report = DeliveryReport.read(message) {
        sink = report.status.utf8.count &+ (report.recipient?.utf8.count ?? 0) &+ (report.permanent ? 1 : 0)
    }
    keep(sink)
    return 0
}

@inline(never) private func keep(_ value: Int) { if value == -1 { print(value) } }
