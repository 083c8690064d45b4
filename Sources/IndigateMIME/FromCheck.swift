import CGMimeShim
import IndigateCore

/// Whether a message's From names exactly one sender, unambiguously: one From header, no
/// control character and exactly one `@` in it (GMime reads «a@school@evil» as a@school),
/// one mailbox (no group, no list), a plain addr-spec, and
/// no address-looking display name («attacker@evil.test <school@…>» shows one address and sends
/// from another). Anything else is ambiguous, and a reply from it is refused: a receiving
/// server's DMARC check may have judged another domain than the one indigate would believe.
enum FromCheck {
    static func isUnambiguous(_ list: UnsafeMutablePointer<InternetAddressList>?, facts: MessageGuard.FromFacts) -> Bool {
        guard facts.headers == 1, !facts.hasControl, facts.atSigns == 1, let list, internet_address_list_length(list) == 1,
            let address = internet_address_list_get_address(list, 0), let addr = indigate_gmime_mailbox_addr(address)
        else { return false }
        guard MailAddress.isPlain(String(cString: addr)) else { return false }
        if let name = internet_address_get_name(address), String(cString: name).contains("@") { return false }
        return true
    }
}
