import IndigateCore
import CQPDF

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One qpdf handle (`qpdf_data`) reading one PDF from memory, with qpdf's own messages to
/// stderr turned off: errors and warnings are collected here instead. `qpdf_cleanup` runs in
/// `deinit`, after any pending error has been taken (qpdf prints unhandled ones at cleanup).
///
/// qpdf reads the bytes in place, without a copy: they must stay valid, unmoved, for as long
/// as the document lives. Not thread-safe: one document belongs to one thread at a time.
final class QPDFDocument {
    /// How reading went.
    enum ReadOutcome: Equatable {
        /// Open; `recovered` when qpdf warned while reading (a rebuilt cross-reference table…).
        case opened(recovered: Bool)
        /// It needs a user password (`qpdf_e_password`).
        case needsPassword
        /// qpdf could not read it at all.
        case unreadable
    }

    /// The qpdf handle; borrowed by ``objects``, freed in `deinit`.
    private let handle: qpdf_data
    /// Every warning and error qpdf reported since opening (see ``collectDiagnostics()``).
    private(set) var warnings = 0
    private(set) var errors = 0

    /// Object access into this document; valid while the document lives.
    var objects: QPDFObjectReader { QPDFObjectReader(handle) }

    init() {
        handle = qpdf_init()
        qpdf_silence_errors(handle)
        qpdf_set_suppress_warnings(handle, QPDF_TRUE)
    }

    deinit {
        collectDiagnostics()
        var data: qpdf_data? = handle
        qpdf_cleanup(&data)
    }

    /// Reads a PDF from `bytes` (non-empty) with no password, which also opens files encrypted
    /// with an empty user password. qpdf's recovery stays on, so damaged files open with warnings.
    func read(_ bytes: UnsafeRawBufferPointer) -> ReadOutcome {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return .unreadable }
        let description: StaticString = "attachment"
        let status = description.withUTF8Buffer { name in
            name.withMemoryRebound(to: CChar.self) { name in
                qpdf_read_memory(
                    handle, name.baseAddress, base.assumingMemoryBound(to: CChar.self),
                    UInt64(bytes.count), nil)
            }
        }
        let error = collectDiagnostics()
        if status & QPDF_ERRORS != 0 || error != nil {
            return error == qpdf_e_password ? .needsPassword : .unreadable
        }
        return .opened(recovered: status & QPDF_WARNINGS != 0 || warnings > 0)
    }

    /// Whether the open document is encrypted (even with an empty user password).
    var isEncrypted: Bool { qpdf_is_encrypted(handle) != QPDF_FALSE }

    /// The number of pages, or `nil` when qpdf fails to walk the page tree. Its warnings (objects
    /// of the page tree that do not parse) are counted in ``warnings``.
    func pageCount() -> Int? {
        let count = qpdf_get_num_pages(handle)
        guard collectDiagnostics() == nil, count >= 0 else { return nil }
        return Int(count)
    }

    /// How decoding every stream went.
    enum StreamCheck: Equatable {
        /// Every stream asked for decoded without an error or warning.
        case clean
        /// qpdf reported an error or warning (bad Flate data, a broken predictor…).
        case faulty
        /// Decoding produced more than the budget and stopped there: unchecked.
        case overBudget
    }

    /// Decodes the `streams` (named as in qpdf's JSON: `obj:12 0 R`) with qpdf's general and
    /// special filters (Flate, LZW, ASCIIHex, ASCII85, RunLength; not DCT, whose decoder prints
    /// its own warnings to stderr), throwing the result away, and stops once `budget` bytes came
    /// out.
    ///
    /// This is what `qpdf_check_pdf` would be for, bounded. That one writes the whole file with a
    /// QPDFWriter that decodes and recompresses every stream not already plain Flate (and passes
    /// plain Flate streams through, so it misses bad Flate data), and nothing stops it: an 8 KB
    /// file (RunLength in Flate) took it 15 s. qpdf's JSON writer hands its output to a callback,
    /// which may refuse more; but qpdf decodes each stream whole before writing any of it, so
    /// the callback bounds the total, not the stream under way: hence only streams whose worst
    /// case is small are passed in (see ``StreamCost``).
    func checkStreams(_ streams: [String], budget: Int) -> StreamCheck {
        guard !streams.isEmpty else { return .clean }
        var names: [UnsafePointer<CChar>?] = streams.map { UnsafePointer(strdup($0)) } + [nil]
        defer { for name in names { free(UnsafeMutablePointer(mutating: name)) } }
        var count = (bytes: 0, limit: budget)
        let status = withUnsafeMutablePointer(to: &count) { count in
            names.withUnsafeMutableBufferPointer { names in
                qpdf_write_json(
                    handle, 2,
                    { _, length, user in
                        let count = user!.assumingMemoryBound(to: (bytes: Int, limit: Int).self)
                        count.pointee.bytes += length
                        return count.pointee.bytes > count.pointee.limit ? 1 : 0
                    }, count, qpdf_dl_specialized, qpdf_sj_inline, "", names.baseAddress)
            }
        }
        let (warningsBefore, errorsBefore) = (warnings, errors)
        collectDiagnostics()
        // Stopping at the budget leaves qpdf's error and warnings about the refused write: those
        // are ours, not the file's, and they cannot be told apart from others but by their text.
        if count.bytes > count.limit { return .overBudget }
        return status == QPDF_SUCCESS && warnings == warningsBefore && errors == errorsBefore ? .clean : .faulty
    }

    /// Takes the pending error (qpdf keeps at most one: the latest) and every pending warning out
    /// of qpdf, adds them to ``errors`` and ``warnings``, and returns the error's code, if any.
    /// Call it after each step: warnings pile up inside qpdf until taken, and an error left
    /// pending would be printed by `qpdf_cleanup`.
    @discardableResult
    func collectDiagnostics() -> qpdf_error_code_e? {
        var code: qpdf_error_code_e?
        if qpdf_has_error(handle) != QPDF_FALSE {
            code = qpdf_get_error_code(handle, qpdf_get_error(handle))
            errors += 1
        }
        while qpdf_more_warnings(handle) != QPDF_FALSE {
            _ = qpdf_next_warning(handle)
            warnings += 1
        }
        return code
    }
}
