import Foundation
import IndigateCore

/// Looks at the raw bytes before GMime does and refuses what would hurt it: too large, a
/// header block too long, address headers that would recurse GMime's group parser off its
/// stack or leave a comment open (GMime leaks the address before it), or so many parts that parsing would take hundreds of megabytes. This reads lines
/// and counts; it does not parse MIME.
enum MessageGuard {
    static let addressHeaders: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "sender", "resent-from", "resent-to", "resent-cc",
        "delivered-to", "x-original-to", "envelope-to", "return-path", "disposition-notification-to",
    ]

    /// Whether a byte can begin an address header's name (either case), by byte: the body's
    /// lines are mostly text or base64, and most of them are passed over on their first byte.
    static let addressHeaderInitials: [Bool] = {
        var initials = [Bool](repeating: false, count: 256)
        for name in addressHeaders {
            let first = name.utf8.first!
            initials[Int(first)] = true
            initials[Int(first & ~0x20)] = true
        }
        return initials
    }()

    /// What the raw header block says about the From header, which GMime cannot tell: how many
    /// there are, and whether one holds a control character (a NUL ends the address GMime sees,
    /// while a receiving server's DMARC check may judge the rest).
    struct FromFacts: Equatable {
        var headers = 0
        var hasControl = false
        /// `@` signs in the From headers: one address has one.
        var atSigns = 0
    }

    @discardableResult
    static func check(_ raw: [UInt8], limits: MIMELimits) throws(MIMEError) -> FromFacts {
        guard raw.count <= limits.messageBytes else { throw .tooLarge(bytes: raw.count) }
        var from = FromFacts()
        var inFrom = false
        func hasControl(_ bytes: ArraySlice<UInt8>) -> Bool {
            bytes.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }
        }
        var index = 0
        // Lines that start with `--` (the message's first line included) bound the part count
        // from above.
        var boundaryLines = 0
        var current: MeasuredHeader? = nil
        func finish() throws(MIMEError) {
            guard let header = current, addressHeaders.contains(header.name) else { return }
            try header.check(limits)
        }
        // The header block: unfold, and measure address headers.
        while index < raw.count {
            let end = lineEnd(raw, from: index)
            var line = raw[index..<end]
            if line.last == 0x0D { line = line.dropLast() }
            index = end + 1
            if line.isEmpty { break }
            guard index <= limits.headerBytes else { throw .hostileHeader(name: "header block") }
            if line.starts(with: dashes) { boundaryLines += 1 }
            if line.first == 0x20 || line.first == 0x09 {
                if inFrom {
                    if hasControl(line) { from.hasControl = true }
                    from.atSigns += line.reduce(0) { $0 + ($1 == 0x40 ? 1 : 0) }
                }
                current?.add(line)
                continue
            }
            try finish()
            guard let colon = line.firstIndex(of: 0x3A) else {
                current = nil
                inFrom = false
                continue
            }
            let name = headerName(line[line.startIndex..<colon])
            let value = line[(colon + 1)...]
            inFrom = name == "from"
            if inFrom {
                from.headers += 1
                if hasControl(value) { from.hasControl = true }
                from.atSigns += value.reduce(0) { $0 + ($1 == 0x40 ? 1 : 0) }
            }
            current = MeasuredHeader(name: name, value: value)
        }
        try finish()
        // GMime parses the headers of every attached message (message/rfc822) as it parses the
        // outer one: an address header anywhere in the body is measured the same way.
        boundaryLines += try scanBody(raw, from: index, limits: limits)
        if boundaryLines > limits.boundaryLines { throw .tooManyParts }
        if countBoundaryParameters(raw, limit: limits.boundaries) > limits.boundaries { throw .tooManyParts }
        return from
    }

    static let dashes: [UInt8] = [0x2D, 0x2D]

    /// The index of the first LF at or after `start`, or the end of `raw`.
    static func lineEnd(_ raw: [UInt8], from start: Int) -> Int {
        ByteSearch.firstIndex(of: 0x0A, in: raw, from: start) ?? raw.count
    }

    /// A header's name as GMime matches it: lowercased, without the blanks RFC 5322's obsolete
    /// syntax allows before the colon (`To :`).
    static func headerName(_ bytes: ArraySlice<UInt8>) -> String {
        var name = bytes
        while let last = name.last, last == 0x20 || last == 0x09 { name = name.dropLast() }
        return String(decoding: name, as: UTF8.self).lowercased()
    }

    /// One header as the guard measures it, fed line by line: its length, its colons (each may
    /// open a group) and its comments.
    struct MeasuredHeader {
        let name: String
        var bytes = 0
        var colons = 0
        var comments = AddressCommentScan()

        init(name: String, value: ArraySlice<UInt8>) {
            self.name = name
            add(value)
        }

        mutating func add(_ line: ArraySlice<UInt8>) {
            bytes += line.count
            colons += line.reduce(0) { $0 + ($1 == 0x3A ? 1 : 0) }
            comments.feed(line)
        }

        func check(_ limits: MIMELimits) throws(MIMEError) {
            if !passes(limits) { throw .hostileHeader(name: name) }
        }

        func passes(_ limits: MIMELimits) -> Bool {
            bytes <= limits.addressHeaderBytes && colons <= limits.addressHeaderColons && !comments.leavesCommentOpen
        }
    }

    /// How many times `boundary=` occurs (case-insensitive), counting no further than `limit + 1`.
    /// memchr from `=` to `=`, then a look at the eight bytes before it: every byte of every
    /// message passes here, and `boundary=` cannot overlap itself, so the count is the same.
    static func countBoundaryParameters(_ raw: [UInt8], limit: Int) -> Int {
        let word = Array("boundary".utf8)
        return raw.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var count = 0
            var start = 0
            while start < buffer.count, let found = memchr(base + start, 0x3D, buffer.count - start) {
                let equals = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if equals >= word.count {
                    var match = true
                    for j in 0..<word.count where base[equals - word.count + j] | 0x20 != word[j] {
                        match = false
                        break
                    }
                    if match {
                        count += 1
                        if count > limit { return count }
                    }
                }
                start = equals + 1
            }
            return count
        }
    }
}
