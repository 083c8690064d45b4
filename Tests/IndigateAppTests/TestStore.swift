import Crypto
import IndigateApp
import IndigateStore

/// Tests look into the database directly, through a store of their own on the same file (the
/// application keeps its own to itself), opened for each use and closed after it.
extension Gateway {
    var testStore: Store {
        // The application opened (and migrated) this database already; a failure here is a bug in the test.
        try! Store(path: config.database)
    }
}

extension TestInstallation {
    var store: Store { gateway.testStore }

    /// The installation's HMAC secret, to make tokens as indigate would (or forge altered ones).
    var secret: SymmetricKey {
        get throws { SymmetricKey(data: try Secret.loadOrCreate(path: config.secretFile)) }
    }
}
