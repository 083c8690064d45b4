/// The embedded default inbound source: a Maildir whose `new` holds replies to handle.
package struct MaildirInbox: InboundSource {
    package let maildir: Maildir

    package init(path: String) throws(TransportError) {
        maildir = try Maildir(path: path)
    }

    package func fetch(limit: Int) throws(TransportError) -> [InboundItem] {
        var items: [InboundItem] = []
        for name in try maildir.newMessages().prefix(limit) {
            items.append(InboundItem(source: "maildir:\(name)", raw: try maildir.read(newMessage: name), handle: name))
        }
        return items
    }

    package func markDone(_ item: InboundItem) throws(TransportError) {
        try maildir.moveToCur(item.handle)
    }
}
