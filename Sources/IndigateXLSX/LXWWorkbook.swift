import CXLSXWriter
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One libxlsxwriter workbook, written to a file in a private temporary folder (`mkdtemp`, mode
/// 0700; the file itself 0600) that ``close()`` reads back and removes with the folder. libxlsxwriter
/// 1.1.4 writes only to a named file (an output buffer came in 1.2); its own scratch files go to the
/// same folder. Whatever happens, `deinit` frees the workbook if it was not closed and removes both.
///
/// Every libxlsxwriter call that returns an `lxw_error` goes through ``check(_:_:)``, the one place
/// that turns its codes into ``XLSXWriteError``. Not thread-safe: one workbook belongs to one thread.
final class LXWWorkbook {
    /// The workbook until ``close()`` hands it to `workbook_close`, which frees it.
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private let folder: String
    private let path: String

    /// A new, empty workbook, its private folder made in `temporaryDirectory` (`$TMPDIR` or `/tmp`
    /// when `nil`). `constantMemory` makes libxlsxwriter flush each row to disk once the next one
    /// starts: rows must then be written in order, and strings go inline (no shared table).
    init(constantMemory: Bool, temporaryDirectory: String? = nil) throws {
        let root = temporaryDirectory ?? Self.temporaryRoot()
        var template = Array((root + "/indigate-xlsx-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw XLSXWriteError.temporaryFile(step: "mkdtemp", errno: errno)
        }
        folder = String(cString: made)
        path = folder + "/workbook.xlsx"
        // Made here with mode 0600 so that libxlsxwriter's fopen(…, "wb") truncates it and keeps the mode.
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let error = errno
            rmdir(folder)
            throw XLSXWriteError.temporaryFile(step: "create", errno: error)
        }
        closeDescriptor(descriptor)
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        handle = folder.withCString { folder in
            options.tmpdir = UnsafeMutablePointer(mutating: folder)
            // libxlsxwriter copies tmpdir (lxw_strdup) before returning.
            return workbook_new_opt(path, &options)
        }
        guard handle != nil else {
            removeFiles()
            throw XLSXWriteError.library(step: "workbook_new_opt", code: -1, reason: "could not create the workbook")
        }
    }

    deinit {
        if let handle { lxw_workbook_free(handle) }
        removeFiles()
    }

    /// The open workbook; only between `init` and ``close()``.
    var workbook: UnsafeMutablePointer<lxw_workbook> {
        // Callers use it only before close(), which is the only place that clears it.
        handle!
    }

    /// A new worksheet named `name` (at most 31 characters, none of `[]:*?/\`).
    func addWorksheet(_ name: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
        try check(workbook_validate_sheet_name(workbook, name), "worksheet name")
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw XLSXWriteError.library(step: "workbook_add_worksheet", code: -1, reason: "no worksheet")
        }
        return sheet
    }

    /// A new cell format, set up by `configure` (`format_set_…` calls).
    func addFormat(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) throws -> UnsafeMutablePointer<lxw_format> {
        guard let format = workbook_add_format(workbook) else {
            throw XLSXWriteError.library(step: "workbook_add_format", code: -1, reason: "no format")
        }
        configure(format)
        return format
    }

    /// Writes the workbook, frees it, and returns the file's bytes; the temporary file is gone after.
    func close() throws -> [UInt8] {
        let closing = handle
        handle = nil
        try check(workbook_close(closing), "workbook_close")
        return try readFile()
    }

    /// Throws ``XLSXWriteError/library(step:code:reason:)`` unless `code` is `LXW_NO_ERROR`. The
    /// step is worded only on an error: a table checks every cell it writes, and interpolating
    /// "row R, column C" for each of the region's 300,000 cells was a tenth of writing it.
    func check(_ code: lxw_error, _ step: @autoclosure () -> String) throws {
        guard code != LXW_NO_ERROR else { return }
        let reason = lxw_strerror(code).map { String(cString: $0) } ?? "unknown"
        throw XLSXWriteError.library(step: step(), code: Int(code.rawValue), reason: reason)
    }

    private func readFile() throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw XLSXWriteError.temporaryFile(step: "open", errno: errno) }
        defer { closeDescriptor(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw XLSXWriteError.temporaryFile(step: "read", errno: errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Removes the file and the folder (libxlsxwriter's scratch files are unlinked as they are made).
    private func removeFiles() {
        unlink(path)
        rmdir(folder)
    }

    private static func temporaryRoot() -> String {
        if let root = ProcessInfo.processInfo.environment["TMPDIR"], root.hasPrefix("/") { return root }
        return "/tmp"
    }
}

/// `close(2)`, named apart from ``LXWWorkbook/close()``.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
