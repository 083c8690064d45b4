/// Finds a quoted parameter's raw value in an unfolded header value (`filename="…"`), for
/// the one case GMime's own decoding is known to cut (split RFC 2047 words). Not a MIME
/// parser: it only locates `name="…"` and undoes backslash escapes.
enum RawParameter {
    static func quotedValue(_ name: String, in header: String) -> String? {
        let lowered = header.lowercased()
        var search = lowered.startIndex
        while let range = lowered.range(of: name, range: search..<lowered.endIndex) {
            search = range.upperBound
            // The name must start a parameter: after ';' or whitespace.
            if range.lowerBound > lowered.startIndex {
                let before = lowered[lowered.index(before: range.lowerBound)]
                guard before == ";" || before == " " || before == "\t" else { continue }
            }
            var index = range.upperBound
            while index < header.endIndex, header[index] == " " { index = header.index(after: index) }
            guard index < header.endIndex, header[index] == "=" else { continue }
            index = header.index(after: index)
            while index < header.endIndex, header[index] == " " { index = header.index(after: index) }
            guard index < header.endIndex, header[index] == "\"" else { continue }
            var value = ""
            index = header.index(after: index)
            while index < header.endIndex, header[index] != "\"" {
                if header[index] == "\\" {
                    index = header.index(after: index)
                    guard index < header.endIndex else { break }
                }
                value.append(header[index])
                index = header.index(after: index)
            }
            return value
        }
        return nil
    }
}
