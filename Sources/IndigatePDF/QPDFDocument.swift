import CQPDF
import IndigateCore

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

    /// Decodes the `streams` (by object number and generation) with qpdf's general and special
    /// filters (Flate, LZW, ASCIIHex, ASCII85, RunLength; not DCT, whose decoder prints its own
    /// warnings to stderr), throwing the result away, and stops once `budget` bytes came out.
    ///
    /// This is what `qpdf_check_pdf` would be for, bounded. That one writes the whole file with a
    /// QPDFWriter that decodes and recompresses every stream not already plain Flate (and passes
    /// plain Flate streams through, so it misses bad Flate data), and nothing stops it: an 8 KB
    /// file (RunLength in Flate) took it 15 s. `qpdf_oh_get_stream_data` decodes one stream whole
    /// into a buffer and cannot be stopped midway, so the budget bounds the total between
    /// streams, not the stream under way: hence only streams whose worst case is small are passed
    /// in (see ``StreamCost``). The buffer holds a stream about twice over while qpdf hands it
    /// back: a 250 KB stream decoding to 250 MiB took 1.0 s and 550 MB (the parse worker's
    /// address space is capped well above). qpdf's JSON writer, used here before, held it once
    /// (150 MB) but spent longer base64-encoding the data for a callback to count than decoding
    /// it: a fifth of the parse workers' time on ordinary mail.
    func checkStreams(_ streams: [(id: Int32, generation: Int32)], budget: Int) -> StreamCheck {
        var decoded = 0
        for stream in streams {
            let object = qpdf_get_object_by_id(handle, stream.id, stream.generation)
            var buffer: UnsafeMutablePointer<UInt8>?
            var length = 0
            let status = qpdf_oh_get_stream_data(handle, object, qpdf_dl_specialized, nil, &buffer, &length)
            free(buffer)
            qpdf_oh_release(handle, object)
            let (warningsBefore, errorsBefore) = (warnings, errors)
            collectDiagnostics()
            guard status == QPDF_SUCCESS, warnings == warningsBefore, errors == errorsBefore else { return .faulty }
            decoded += length
            if decoded > budget { return .overBudget }
        }
        return .clean
    }

    /// Whether qpdf resolves every object its cross-reference table lists without an error or a
    /// warning: an entry pointing at the wrong place, or at an object of another generation,
    /// shows only here when nothing reachable refers to it. The C API's only way to that is the
    /// JSON writer (it resolves them all, through `QPDF::getAllObjects`, before choosing what to
    /// write): asked for the trailer alone, without stream data, it writes a few hundred bytes.
    func resolvesEveryObject() -> Bool {
        let wanted: StaticString = "trailer"
        let (warningsBefore, errorsBefore) = (warnings, errors)
        let status = wanted.withUTF8Buffer { wanted in
            wanted.withMemoryRebound(to: CChar.self) { wanted in
                var names: [UnsafePointer<CChar>?] = [wanted.baseAddress, nil]
                return names.withUnsafeMutableBufferPointer { names in
                    qpdf_write_json(handle, 2, { _, _, _ in 0 }, nil, qpdf_dl_none, qpdf_sj_none, "", names.baseAddress)
                }
            }
        }
        collectDiagnostics()
        return status == QPDF_SUCCESS && warnings == warningsBefore && errors == errorsBefore
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
