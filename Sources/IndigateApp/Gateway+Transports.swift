import IndigateTransport

extension Gateway {
    /// The inbound source the configuration names.
    public func inboundSource() throws -> any InboundSource {
        try MaildirInbox(path: config.transport.inbound.path)
    }

    /// The outbound transport the configuration names.
    public func outboundTransport() throws -> any OutboundTransport {
        try MaildirOutbox(path: config.transport.outbound.path)
    }
}
