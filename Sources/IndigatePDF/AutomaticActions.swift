import IndigateCore
import CQPDF

/// Decides whether an `/OpenAction` or `/AA` value runs anything beyond taking the reader to a
/// page. What such an action does (JavaScript, Launch…) is found separately by the walk, which
/// visits the action dictionaries too; this only says that it runs without a click.
struct AutomaticActions {
    let reader: QPDFObjectReader

    /// Whether the value of `key` (`/OpenAction` or `/AA`) runs an action other than a plain page
    /// destination. Borrows `value`.
    func runAction(key: String, value: qpdf_oh) -> Bool {
        if key == "/OpenAction" { return !isPlainDestination(value) }
        // /AA: a dictionary of event → action (/O page open, /WC will close, /K keystroke…).
        guard reader.type(value) == ot_dictionary else { return false }
        for event in reader.keys(value) {
            let action = reader.value(value, key: event)
            defer { reader.release(action) }
            if !isPlainDestination(action) { return true }
        }
        return false
    }

    /// An explicit destination (an array), a named one (a name or a string), a `/GoTo` action
    /// with no `/Next`, or anything that is not an action dictionary at all. Borrows `value`.
    private func isPlainDestination(_ value: qpdf_oh) -> Bool {
        guard reader.type(value) == ot_dictionary else { return true }
        let subtype = reader.value(value, key: "/S")
        defer { reader.release(subtype) }
        return reader.name(subtype) == "/GoTo" && !reader.has(value, key: "/Next")
    }
}
