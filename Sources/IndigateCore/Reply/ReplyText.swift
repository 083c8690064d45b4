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
        // Every check below is of a line that starts with «-», «_», «о», «s» or «f» (in either
        // case) or ends with a colon: two bytes rule out most lines before any lowercasing, and
        // then only the line's ends are lowercased (a sender decides how long a line is).
        let bytes = line.utf8
        let start: Bool =
            switch bytes.first {
            case 0x2D, 0x5F, 0x46, 0x53, 0x66, 0x73: true
            case 0xD0: bytes.dropFirst().first == 0x9E || bytes.dropFirst().first == 0xBE  // «О», «о»
            default: false
            }
        if start {
            let head = line.prefix(48).lowercased()
            if Self.separators.contains(where: { head.hasPrefix($0) }) { return true }
            if Self.footers.contains(where: { head.hasPrefix($0) }) { return true }
            // Outlook: «От: …» followed within four lines by «Отправлено:», «Кому:» or «Тема:».
            if head.hasPrefix("от:") || head.hasPrefix("from:") {
                let next = following.prefix(4).map { String($0).trimmed.lowercased() }
                let fields = ["отправлено:", "кому:", "тема:", "дата:", "sent:", "to:", "subject:", "date:"]
                if next.contains(where: { n in fields.contains(where: { n.hasPrefix($0) }) }) { return true }
            }
        }
        guard bytes.last == UInt8(ascii: ":") else { return false }
        let tail = line.suffix(16).lowercased()
        if Self.writes.contains(where: { tail.hasSuffix($0) }) { return true }
        // Gmail, Mail.ru, Yandex: a line that names the sender's address and ends with a colon.
        if bytes.contains(UInt8(ascii: "@")), bytes.contains(UInt8(ascii: "<")) || bytes.contains(UInt8(ascii: ",")) {
            return true
        }
        return false
    }

    /// Lines that start a forwarded or quoted original (Outlook's, Thunderbird's, Mail.ru's).
    static let separators = [
        "-----исходное сообщение-----", "-----original message-----",
        "-------- пересланное сообщение --------", "-------- forwarded message --------", "________________",
    ]
    /// A phone's or a web client's footer.
    static let footers = [
        "отправлено с iphone", "отправлено с ipad", "отправлено из мобильной почты",
        "sent from my iphone", "sent from my ipad", "отправлено с моего", "sent from my",
        "отправлено из приложения",
    ]
    /// The end of a quote header: «… пишет:».
    static let writes = ["пишет:", "wrote:", "написал(а):", "написал:", "написала:"]
}
