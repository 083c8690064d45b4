/// A mailbox bound to an organisation with one role, and the person behind it.
public struct Contact: Sendable, Equatable, Codable {
    /// The organisation's INN.
    public var organizationINN: String
    public var role: ContactRole
    /// The mailbox, stored lowercased.
    public var email: String
    /// Фамилия Имя Отчество; empty until the person tells it.
    public var personName: String
    public var position: String
    public var phone: String

    public init(
        organizationINN: String, role: ContactRole, email: String,
        personName: String = "", position: String = "", phone: String = ""
    ) {
        self.organizationINN = organizationINN
        self.role = role
        self.email = email.lowercased()
        self.personName = personName
        self.position = position
        self.phone = phone
    }
}
