extension String {
    /// The text's start, at most `bytes` UTF-8 bytes of it, cut where a Unicode scalar starts
    /// (and so never inside a character's bytes): a bounded look at a text a sender controls,
    /// found without reading its characters one by one (`prefix(n)` on a `String` walks `n`
    /// grapheme clusters).
    package func prefix(utf8 bytes: Int) -> Substring {
        let utf8 = self.utf8
        guard utf8.count > bytes else { return self[...] }
        var end = utf8.index(utf8.startIndex, offsetBy: max(0, bytes))
        while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        return self[..<end]
    }
}
