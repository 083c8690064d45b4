import Foundation
import IndigateCore
import IndigateMIME

/// The parse worker's answer on its pipe: a tag, then the outline of the parsed message (its
/// texts and the attachments' bytes left out; protocol buffers, see ``WorkerOutline``), then
/// those raw, one after the other: the text, each forwarded text (UTF-8), each attachment.
/// Attachments travel as they are — no base64, no copy of a copy — so a 45 MB message costs the
/// worker and the daemon a few times its size, not ten. A refusal is a tag and JSON of the
/// ``MIMEError``.
enum WorkerAnswer {
    /// The parts of an answer, written one after the other without joining them.
    static func parts(_ message: ParsedMessage) throws -> [[UInt8]] {
        var outline = message
        let texts = ([message.text] + message.forwardedTexts).map { Array($0.utf8) }
        outline.text = ""
        outline.forwardedTexts = []
        let blobs = outline.attachments.map(\.bytes)
        for index in outline.attachments.indices { outline.attachments[index].bytes = [] }
        let head = try WorkerOutline.encode(outline, textLengths: texts.map(\.count), lengths: blobs.map(\.count))
        return [[WorkerFrame.parsed] + WorkerFrame.header(length: head.count) + head] + texts + blobs
    }

    static func parts(_ error: MIMEError) -> [[UInt8]] {
        let json = Array((try? JSONEncoder().encode(error)) ?? Data())
        return [[WorkerFrame.refused] + WorkerFrame.header(length: json.count) + json]
    }

    /// Reads an answer of `length` bytes from the worker's pipe: the outline, the texts, then each
    /// attachment straight into its own array. nil when the pipe fails or times out; `.some(nil)`
    /// when the answer is not one the worker could have written (its lengths are checked before
    /// they are added, so none can overflow).
    static func read(from fd: Int32, length: Int, deadline: Date) -> ParseOutcome?? {
        guard length >= 9, let head = WorkerFrame.read(fd, count: 9, deadline: deadline) else { return nil }
        let outlineLength = WorkerFrame.length(Array(head[1...]))
        guard outlineLength <= length - 9, let encoded = WorkerFrame.read(fd, count: outlineLength, deadline: deadline)
        else { return nil }
        if head[0] == WorkerFrame.refused {
            return .some((try? JSONDecoder().decode(MIMEError.self, from: Data(encoded))).map { .refused($0) })
        }
        guard head[0] == WorkerFrame.parsed, let outline = WorkerOutline.decode(encoded),
            outline.lengths.count == outline.message.attachments.count, !outline.textLengths.isEmpty,
            (outline.textLengths + outline.lengths).allSatisfy({ (0...length).contains($0) }),
            (outline.textLengths + outline.lengths).reduce(9 + outlineLength, +) == length
        else { return .some(nil) }
        var message = outline.message
        var texts: [String] = []
        for count in outline.textLengths {
            guard let bytes = WorkerFrame.read(fd, count: count, deadline: deadline) else { return nil }
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        message.text = texts[0]
        message.forwardedTexts = Array(texts.dropFirst())
        for (index, count) in outline.lengths.enumerated() {
            guard let bytes = WorkerFrame.read(fd, count: count, deadline: deadline) else { return nil }
            message.attachments[index].bytes = bytes
        }
        return .some(.parsed(message))
    }
}
