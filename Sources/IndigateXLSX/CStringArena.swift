#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// C copies of Swift strings for the `char *` fields of libxlsxwriter's option structs, which the
/// library copies in turn: they need to live only through the call, and are freed with the arena.
final class CStringArena {
    private var copies: [UnsafeMutablePointer<CChar>] = []

    /// A NUL-terminated copy of `text`, valid while the arena lives.
    func copy(_ text: String) throws -> UnsafeMutablePointer<CChar> {
        guard let copy = strdup(text) else {
            throw XLSXWriteError.library(step: "strdup", code: -1, reason: "out of memory")
        }
        copies.append(copy)
        return copy
    }

    /// A NULL-terminated array of copies of `texts`, valid while the arena lives.
    func list(_ texts: [String]) throws -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        let list = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: texts.count + 1)
        lists.append(list)
        for (index, text) in texts.enumerated() { list[index] = try copy(text) }
        list[texts.count] = nil
        return list
    }

    private var lists: [UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>] = []

    deinit {
        for copy in copies { free(copy) }
        for list in lists { list.deallocate() }
    }
}
