/// The embedded default inbound source: a Maildir whose `new` holds replies to handle.
public struct MaildirInbox: InboundSource {
    public let maildir: Maildir

    public init(path: String) throws(TransportError) {
        maildir = try Maildir(path: path)
    }

    public func fetch(limit: Int) throws(TransportError) -> [InboundItem] {
        var items: [InboundItem] = []
        for name in try maildir.newMessages().prefix(limit) {
            items.append(InboundItem(source: "maildir:\(name)", raw: try maildir.read(newMessage: name), handle: name))
        }
        return items
    }

    public func markDone(_ item: InboundItem) throws(TransportError) {
        try maildir.moveToCur(item.handle)
    }
}
