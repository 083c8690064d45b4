import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses one XML part with Foundation's event parser (libxml2 on Linux), after
/// ``XMLPreflight``, and hands its events to an ``XMLPartHandler``: element by element, never
/// building a tree, so memory is what the handler keeps. Parsing stops at the first error, at
/// ``XLSXReadLimits/xmlDepth`` and at ``XLSXReadLimits/xmlElements``; external entities stay off
/// (Foundation's default), and there can be no internal ones (no DOCTYPE passes the preflight).
///
/// SWXMLHash and XMLCoder, which wrap the same parser, build the whole tree first and cannot stop
/// part-way; this is the event layer they use, taken directly.
final class BoundedXMLParser: NSObject, XMLParserDelegate {
    private let part: String
    private let limits: XLSXReadLimits
    private let handler: XMLPartHandler
    private var depth = 0
    private var elements = 0
    private var failure: Error?

    private init(part: String, limits: XLSXReadLimits, handler: XMLPartHandler) {
        self.part = part
        self.limits = limits
        self.handler = handler
    }

    /// Feeds `data`, the part named `part`, to `handler`; throws the first error, its own or the
    /// handler's.
    static func parse(_ data: Data, part: String, limits: XLSXReadLimits, handler: XMLPartHandler) throws {
        let shown = XLSXReadError.quoted(part)
        try XMLPreflight.check(data, part: shown)
        let delegate = BoundedXMLParser(part: shown, limits: limits, handler: handler)
        // Fed as a stream, in chunks: given one buffer, libxml2 fails on a line past about 35 MB
        // (a table's worksheet is one line), after reporting every element.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let parsed = parser.parse()
        if let failure = delegate.failure { throw failure }
        guard parsed, delegate.depth == 0, delegate.elements > 0 else {
            throw XLSXReadError.malformedXML(part: shown, line: parser.lineNumber)
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        depth += 1
        elements += 1
        if depth > limits.xmlDepth {
            return stop(parser, XLSXReadError.xmlTooDeep(part: part, limit: limits.xmlDepth))
        }
        if elements > limits.xmlElements {
            return stop(parser, XLSXReadError.tooManyXMLElements(part: part, limit: limits.xmlElements))
        }
        var local: [String: String] = [:]
        for (name, value) in attributes { local[Self.localName(name)] = value }
        do {
            try handler.start(Self.localName(elementName), attributes: local, depth: depth)
        } catch {
            stop(parser, error)
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        do {
            try handler.end(Self.localName(elementName), depth: depth)
        } catch {
            stop(parser, error)
        }
        depth -= 1
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil else { return }
        handler.text(string)
    }

    func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
        guard failure == nil else { return }
        handler.text(whitespaceString)
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        guard failure == nil else { return }
        handler.text(String(decoding: block, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard failure == nil else { return }
        failure = XLSXReadError.malformedXML(part: part, line: parser.lineNumber)
    }

    private func stop(_ parser: XMLParser, _ error: Error) {
        failure = error
        parser.abortParsing()
    }

    /// `x:c` → `c`.
    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }
}
