/// Cuts a reply down to the text the sender wrote: everything before indigate's marker line,
/// a quote header of a mail client, a signature or a phone's footer; `>`-quoted lines dropped.
package enum ReplyText {
    /// The line every indigate letter carries above its quotable body.
    package static let marker = "— Ответьте выше этой строки —"

    /// The new text of `body`.
    package static func newText(of body: String) -> String {
        let lines = body.lines
        var kept: [Substring] = []
        for (index, line) in lines.enumerated() {
            let trimmed = String(line).trimmed
            if endsNewText(trimmed, following: lines[(index + 1)...]) { break }
            if trimmed.hasPrefix(">") { continue }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    static func endsNewText(_ line: String, following: ArraySlice<Substring>) -> Bool {
        // «строки» has the same bytes in every normal form: the byte search rules out nearly every
        // line before Foundation's comparison (which also finds a decomposed «й») runs.
        if line.utf8.contains(bytesOf: "строки"), line.contains("Ответьте выше этой строки") { return true }
        if line == "--" || line == "-- " || line.hasPrefix("-- ") && line.count < 40 { return true }
        // Every check below looks at the line's first or last characters, or at bytes that have no
        // case: only those ends are lowercased, not the whole line (a sender decides its length).
        let head = line.prefix(48).lowercased()
        let separators = [
            "-----исходное сообщение-----", "-----original message-----",
            "-------- пересланное сообщение --------", "-------- forwarded message --------",
        ]
        if separators.contains(where: { head.hasPrefix($0) }) { return true }
        if head.hasPrefix("________________") { return true }
        let footers = [
            "отправлено с iphone", "отправлено с ipad", "отправлено из мобильной почты",
            "sent from my iphone", "sent from my ipad", "отправлено с моего", "sent from my",
            "отправлено из приложения",
        ]
        if footers.contains(where: { head.hasPrefix($0) }) { return true }
        let tail = line.suffix(16).lowercased()
        if tail.hasSuffix("пишет:") || tail.hasSuffix("wrote:") || tail.hasSuffix("написал(а):")
            || tail.hasSuffix("написал:") || tail.hasSuffix("написала:")
        {
            return true
        }
        // Gmail, Mail.ru, Yandex: a line that names the sender's address and ends with a colon.
        if tail.hasSuffix(":"), line.utf8.contains(UInt8(ascii: "@")),
            line.utf8.contains(UInt8(ascii: "<")) || line.utf8.contains(UInt8(ascii: ","))
        {
            return true
        }
        // Outlook: «От: …» followed within four lines by «Отправлено:», «Кому:» or «Тема:».
        if head.hasPrefix("от:") || head.hasPrefix("from:") {
            let next = following.prefix(4).map { String($0).trimmed.lowercased() }
            let fields = ["отправлено:", "кому:", "тема:", "дата:", "sent:", "to:", "subject:", "date:"]
            if next.contains(where: { n in fields.contains(where: { n.hasPrefix($0) }) }) { return true }
        }
        return false
    }
}
