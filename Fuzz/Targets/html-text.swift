// html-text: an HTML body reduced to text (a text/html-only reply: Mail.ru, Outlook).
@testable import IndigateCore

@_cdecl("LLVMFuzzerTestOneInput")
public func htmlTextFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let html = data.map { String(decoding: UnsafeBufferPointer(start: $0, count: size), as: UTF8.self) } ?? ""
    let text = HTMLText.text(of: html)
    keep(text.utf8.count)
    return 0
}

@inline(never) private func keep(_ value: Int) { if value == -1 { print(value) } }
