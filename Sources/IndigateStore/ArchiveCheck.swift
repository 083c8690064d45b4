import GRDB

/// Whether every raw message and document the database names has its bytes, in the blob file or
/// kept as its delivered file (`indigate check`): a database moved without its blob file is
/// refused when it opens, one moved without its folder of kept files would only fail when an
/// old message is read. Presence only: a kept file's bytes are hashed when it is read, not here
/// (a round's replies are half a gigabyte).
package struct ArchiveCheck: Sendable, Equatable {
    package var messages = 0
    package var documents = 0
    /// The raw messages kept as their delivered files.
    package var kept = 0
    /// How many have no bytes, and the first few (`inbound 12`, `document 3`).
    package var missingCount = 0
    package var missing: [String] = []
    static let sampleLimit = 10
}

extension Store {
    package func checkArchive() throws(StoreError) -> ArchiveCheck {
        do {
            let named = try queue.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT 'inbound' AS what, id, sha256 FROM inbound UNION ALL SELECT 'document', id, sha256 FROM document"
                ).map { (what: $0["what"] as String, id: $0["id"] as Int64, key: $0["sha256"] as String) }
            }
            var check = ArchiveCheck()
            try blobs.queue.read { db in
                let stored = try db.cachedStatement(sql: "SELECT 1 FROM blob WHERE key = ?")
                for item in named {
                    let message = item.what == "inbound"
                    if message { check.messages += 1 } else { check.documents += 1 }
                    if blobs.files.has(item.key) {
                        if message { check.kept += 1 }
                        continue
                    }
                    guard try Int.fetchOne(stored, arguments: [item.key]) == nil else { continue }
                    check.missingCount += 1
                    if check.missing.count < ArchiveCheck.sampleLimit { check.missing.append("\(item.what) \(item.id)") }
                }
            }
            return check
        } catch {
            throw StoreError(operation: "check the archive", underlying: error)
        }
    }
}
