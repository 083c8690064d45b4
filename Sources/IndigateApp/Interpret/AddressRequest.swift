import IndigateCore

/// A line `АДРЕС [ИНН] новый@адрес` (or `ADDRESS …`) in a reply: a contact's new e-mail
/// address. Only a line whose last word holds an `@` is a request, so a signature's postal
/// «Адрес: г. Еткуль, ул. Ленина, 1» is left alone; a request whose address is not one plain
/// mailbox is kept as written, for the answer to say so.
struct AddressRequest: Sendable, Equatable {
    /// The organisation named (a coordinator's request); nil for the writer's own.
    var inn: String?
    /// The new address, lowercased; nil when the written one is not a plain mailbox.
    var email: String?
    /// What was written after the INN, cleaned and quoted, for answers.
    var written: String

    static let verbs: Set<String> = ["адрес", "address", "адрес:", "address:"]

    /// The first request among the reply's new lines.
    static func read(_ newText: String) -> AddressRequest? {
        for line in newText.lines.lazy.filter({ !$0.isEmpty }).prefix(500) {
            // Without an @ no word holds one: the line is not split into words to find that out.
            guard line.utf8.contains(0x40) else { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).prefix(4).map(String.init)
            guard words.count >= 2, verbs.contains(words[0].lowercased()), let last = words.last, last.contains("@") else {
                continue
            }
            var rest = Array(words.dropFirst())
            var inn: String?
            if rest.count >= 2, Organization.isValidINN(rest[0]) {
                inn = rest.removeFirst()
            }
            let written = rest.joined(separator: " ")
            let address = written.trimmingCharacters(in: ["<", ">", " ", ".", ",", ";"])
            let plain = rest.count == 1 && MailAddress.isPlain(address)
            return AddressRequest(
                inn: inn, email: plain ? address.lowercased() : nil, written: QuotedText.quote(written, limit: 120))
        }
        return nil
    }
}
