/// The file a delivered message was read from, when the archive may keep that very file (a
/// hard link) instead of a copy of its bytes: the bytes read were all of it, it is a regular
/// file of this process's user that no one else may read, and Maildir's rule holds — a
/// delivered message's file is never written again, only renamed.
package struct DeliveredFile: Sendable, Equatable {
    package var path: String
    /// `st_dev` and `st_ino` when it was read: the link is kept only if it names that file.
    package var device: UInt64
    package var inode: UInt64

    package init(path: String, device: UInt64, inode: UInt64) {
        self.path = path
        self.device = device
        self.inode = inode
    }
}
