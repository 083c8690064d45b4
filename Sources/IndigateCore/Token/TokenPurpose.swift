/// What a letter was for, and so what a reply to it may do.
package enum TokenPurpose: UInt8, Sendable, Codable, CaseIterable {
    /// A request letter of a round: the reply carries values.
    case request = 1
    /// A receipt or notice to a school: the reply carries values too.
    case receipt = 2
    /// A review letter to operators: the reply carries commands.
    case review = 3
    /// A digest to a coordinator: the reply may ask for reports only.
    case digest = 4
    /// The envelope sender of a letter (VERP): a bounce names the letter that failed.
    case bounce = 5
    /// A letter asking a new address to confirm itself (`АДРЕС`): a reply from that address
    /// makes it the contact's.
    case confirm = 6
}
