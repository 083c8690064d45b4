/// What a mail server said when indigate connected and logged in without moving mail: its
/// greeting, the TLS protocol and cipher (nil: plain text), the user logged in as (nil: no
/// login configured), and what else the check found.
package struct ServerProbe: Sendable, Equatable {
    package var greeting: String
    package var tls: String?
    package var login: String?
    package var notes: [String] = []

    /// One line for `indigate check`.
    package var summary: String {
        var parts = [tls.map { "TLS \($0)" } ?? "no TLS (plain text)"]
        parts.append(login.map { "logged in as \($0)" } ?? "no login")
        return (parts + notes).joined(separator: ", ")
    }
}
