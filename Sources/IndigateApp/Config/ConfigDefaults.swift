import Foundation
import Yams

extension IndigateConfig {
    /// The configuration as the program runs it: every default written in (the transports'
    /// TLS, timeouts, folders and EHLO name, the batch's bytes). The transports read this, and
    /// `indigate config show` prints it, so the two never differ.
    package var effective: IndigateConfig {
        var copy = self
        let domain = String(gateway.address.split(separator: "@").last ?? "localhost")
        copy.transport.inbound = transport.inbound.effective(gatewayDomain: domain)
        copy.transport.outbound = transport.outbound.effective(gatewayDomain: domain)
        copy.limits.batchBytes = limits.effectiveBatchBytes
        copy.parser.workers = parser.effectiveWorkers
        return copy
    }

    /// `effective` as YAML, in the file's own keys.
    package func effectiveYAML() throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.allowUnicode = true
        encoder.options.width = -1
        return try encoder.encode(effective)
    }
}

extension IndigateConfig.Endpoint {
    /// This endpoint with the defaults of its kind written in.
    func effective(gatewayDomain: String) -> Self {
        var endpoint = self
        switch kind {
        case "imap":
            endpoint.startTLS = startTLS ?? "opportunistic"
            endpoint.timeoutSeconds = timeoutSeconds ?? 60
            endpoint.folder = folder ?? "INBOX"
            endpoint.processedFolder = processedFolder ?? "Processed"
        case "smtp":
            endpoint.startTLS = startTLS ?? "opportunistic"
            endpoint.timeoutSeconds = timeoutSeconds ?? 60
            endpoint.auth = username == nil ? nil : auth ?? "PLAIN"
            endpoint.helo = helo ?? gatewayDomain
        default:
            break
        }
        return endpoint
    }
}
