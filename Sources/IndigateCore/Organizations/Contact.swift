/// A mailbox bound to an organisation with one role, and the person behind it.
package struct Contact: Sendable, Equatable, Codable {
    /// The organisation's INN.
    package var organizationINN: String
    package var role: ContactRole
    /// The mailbox, stored lowercased.
    package var email: String
    /// Фамилия Имя Отчество; empty until the person tells it.
    package var personName: String
    package var position: String
    package var phone: String

    package init(
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
