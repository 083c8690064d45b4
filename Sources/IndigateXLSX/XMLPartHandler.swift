/// What reads one XML part's events, as ``BoundedXMLParser`` delivers them. Names come without their
/// namespace prefix (`x:c` → `c`, `r:id` → `id`): the parts indigate reads use each name in one
/// meaning, whatever prefix a writer chose.
protocol XMLPartHandler: AnyObject {
    /// An element opens; `depth` is 1 for the root.
    func start(_ name: String, attributes: [String: String], depth: Int) throws
    /// An element closes.
    func end(_ name: String, depth: Int) throws
    /// Character data (text, CDATA, whitespace), possibly in several pieces.
    func text(_ text: String)
}

extension XMLPartHandler {
    func end(_ name: String, depth: Int) throws {}
    func text(_ text: String) {}
}
