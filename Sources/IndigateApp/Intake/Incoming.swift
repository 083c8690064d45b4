import Crypto
import IndigateCore

extension Intake {
    /// A message as a source handed it over, ready to archive: its bytes (all of them, or when
    /// it is over the size limit its headers and the first 64 KB of its body — enough to see who
    /// wrote, to whom and what about) and the key the archive knows them by.
    struct Incoming {
        var raw: [UInt8]
        var source: String
        /// The SHA-256 of `raw`; a message over the limit has a key of its own (with its full
        /// size), so the same message sent again after the limit is raised is new.
        var key: String
        /// The full size when only a part of the message is kept.
        var fullSize: Int?
        /// The file the whole message was read from, when the archive may keep it as it is.
        var file: DeliveredFile?

        /// - Parameter size: the message's full size (more than `raw` when only its first part
        ///   was read); `limit`: the largest message kept whole.
        init(_ raw: consuming [UInt8], source: String, size: Int, limit: Int, file: DeliveredFile? = nil) {
            let oversize = size > limit
            self.raw = oversize ? PartialArchive.cut(raw) : raw
            self.source = source
            let digest = SHA256.hash(data: self.raw).hex
            key = oversize ? "too-large:\(digest):\(size)" : digest
            fullSize = oversize ? size : nil
            self.file = oversize ? nil : file
        }
    }
}
