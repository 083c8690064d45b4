import Foundation
import IndigateCore

/// A Maildir folder (tmp, new, cur). Messages are delivered as the Maildir convention asks:
/// written to tmp, fsynced, renamed into new, and the directory fsynced.
package struct Maildir: Sendable {
    package let path: String

    package init(path: String) throws(TransportError) {
        self.path = path
        for sub in ["tmp", "new", "cur"] {
            do {
                try FileManager.default.createDirectory(
                    atPath: path + "/" + sub, withIntermediateDirectories: true)
            } catch {
                throw TransportError("cannot create the Maildir folder \(path)/\(sub)")
            }
        }
    }

    /// Writes `bytes` durably as `new/<name>`.
    package func deliver(_ bytes: [UInt8], name: String) throws(TransportError) {
        let temporary = "\(path)/tmp/\(name)"
        let final = "\(path)/new/\(name)"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw TransportError("cannot create \(temporary): errno \(errno)") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                unlink(temporary)
                throw TransportError("cannot write \(temporary): errno \(code)")
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let code = errno
            close(fd)
            unlink(temporary)
            throw TransportError("cannot fsync \(temporary): errno \(code)")
        }
        close(fd)
        guard rename(temporary, final) == 0 else { throw TransportError("cannot rename into \(final): errno \(errno)") }
        DirectorySync.sync(path + "/new")
    }

    /// File names in `new`, oldest first by name (Maildir names start with the time).
    package func newMessages() throws(TransportError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path + "/new")
                .filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw TransportError("cannot list \(path)/new")
        }
    }

    /// Reads `new/<name>` if it is a regular file: without following a link, without blocking
    /// on a FIFO, at most `upTo(size)` bytes. Returns the bytes, the file's full size and, when
    /// the archive may keep the file itself (`DeliveredFile`: read whole, this user's, mode
    /// 0600 or narrower, as Postfix and Dovecot deliver), the file; or why the entry is not a
    /// message to read.
    package func readRegular(newMessage name: String, upTo: (Int) -> Int) -> Result<
        (bytes: [UInt8], size: Int, file: DeliveredFile?), InboundProblem
    > {
        let path = "\(self.path)/new/\(name)"
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let reason =
                errno == ELOOP ? "a symbolic link" : errno == EACCES ? "not readable" : "cannot be opened (errno \(errno))"
            return .failure(InboundProblem(entry: name, reason: reason))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(InboundProblem(entry: name, reason: "cannot be examined")) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(InboundProblem(entry: name, reason: "a directory"))
        case S_IFIFO: return .failure(InboundProblem(entry: name, reason: "a FIFO"))
        default: return .failure(InboundProblem(entry: name, reason: "not a regular file"))
        }
        let size = Int(info.st_size)
        let wanted = upTo(size)
        var done = 0
        // Read straight into the array's storage: zeroing it first cost as much as the reads.
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
            while done < wanted {
                let n = Glibc.read(fd, buffer.baseAddress! + done, wanted - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                done += n
            }
            count = done
        }
        guard done == wanted else {
            return .failure(InboundProblem(entry: name, reason: "read failed after \(done) of \(wanted) bytes"))
        }
        let keepable = done == size && info.st_mode & 0o077 == 0 && info.st_uid == geteuid()
        let file = keepable ? DeliveredFile(path: path, device: UInt64(info.st_dev), inode: UInt64(info.st_ino)) : nil
        return .success((bytes, size, file))
    }

    package func read(newMessage name: String) throws(TransportError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: "\(path)/new/\(name)") else {
            throw TransportError("cannot read \(path)/new/\(name)")
        }
        return Array(data)
    }

    /// Moves handled messages from `new` to `cur`, marked seen, then syncs `cur` once for all
    /// of them.
    package func moveToCur(_ names: [String]) throws(TransportError) {
        for name in names {
            let target = "\(path)/cur/\(name):2,S"
            guard rename("\(path)/new/\(name)", target) == 0 else {
                if errno == ENOENT, FileManager.default.fileExists(atPath: target) { continue }
                throw TransportError("cannot move \(name) to cur: errno \(errno)")
            }
        }
        if !names.isEmpty { DirectorySync.sync(path + "/cur") }
    }
}
