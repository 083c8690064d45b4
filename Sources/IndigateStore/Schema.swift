import GRDB

/// The database schema, as migrations. A shipped migration is never edited: a change is a new
/// migration appended at the end.
enum Schema {
    /// Every migration in order, by the name the database records it under.
    static let migrations: [(name: String, sql: String)] = [
        ("v1-foundation", v1), ("v2-security", v2), ("v3-review", v3), ("v4-transports", v4), ("v5-reports", v5),
        ("v6-value-life", v6), ("v7-preview", v7), ("v8-deadlines", v8), ("v9-address-changes", v9),
        ("v10-document-preview", v10),
    ]

    /// Raw messages and documents move to the blob file (`BlobStore`): what older versions
    /// archived is copied there, committed, and only then deleted here (a crash between
    /// copies it again, under the same keys).
    static let blobsMigration = "v11-blob-file"

    /// The migrations after the blob file's, in order.
    static let laterMigrations: [(name: String, sql: String)] = [("v12-fewer-value-indexes", v12)]

    /// The migrations, the last one moving BLOBs into `blobs` (nil: for their names only).
    static func migrator(blobs: BlobStore?) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
        }
        migrator.registerMigration(blobsMigration) { db in
            guard let blobs else { throw StoreError(operation: "move the blobs", message: "no blob file is open") }
            try blobs.take(from: db)
        }
        for migration in laterMigrations {
            migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
        }
        return migrator
    }

    /// Two indexes of `valueVersion` that others already serve: `(organizationId, roundId, …)`
    /// is `valueVersion_round`'s `(roundId, organizationId, …)` for every query that names both,
    /// and `(state)` is the start of `valueVersion_unsent`. Each reply adds a row per value, and
    /// an index by organisation has a row of them on a random page: at ingest, a step of 32
    /// replies rewrote about 100 pages of each such index (measured over the bench's region:
    /// polls 2.5 % faster without these two, in four pairs of runs out of four).
    static let v12 = """
        DROP INDEX valueVersion_org_round;
        DROP INDEX valueVersion_state;
        """

    /// A document's first page drawn small (PNG), shown to operators beside the file.
    static let v10 = """
        CREATE TABLE documentPreview (documentId INTEGER PRIMARY KEY REFERENCES document(id), png BLOB NOT NULL);
        """

    /// A contact's new address, asked for by mail (`АДРЕС`) and waiting for the new address to
    /// answer (double opt-in); `confirmedAt` and the replaced address once it has.
    static let v9 = """
        CREATE TABLE addressChange (
            id INTEGER PRIMARY KEY,
            contactId INTEGER NOT NULL REFERENCES contact(id),
            newEmail TEXT NOT NULL COLLATE NOCASE,
            requestedBy INTEGER NOT NULL REFERENCES contact(id),
            requestedAt TEXT NOT NULL,
            inboundId INTEGER REFERENCES inbound(id),
            confirmedAt TEXT,
            oldEmail TEXT
        );
        CREATE INDEX addressChange_contact ON addressChange(contactId);
        """

    /// Deadlines extended for some organisations of a round (`ПРОДЛИТЬ ДО … ИНН …`): the round's
    /// own deadline stays the region's; a row here is one organisation's later one.
    static let v8 = """
        CREATE TABLE deadlineExtension (
            roundId INTEGER NOT NULL REFERENCES round(id),
            organizationId INTEGER NOT NULL REFERENCES organization(id),
            deadline TEXT NOT NULL,
            extendedBy INTEGER NOT NULL REFERENCES contact(id),
            extendedAt TEXT NOT NULL,
            PRIMARY KEY (roundId, organizationId)
        ) WITHOUT ROWID;
        """

    /// What operators see of a message without opening the database: its first lines and its
    /// attachments' names, as the parser read them, each already one clean line.
    static let v7 = """
        ALTER TABLE inbound ADD COLUMN previewText TEXT;
        ALTER TABLE inbound ADD COLUMN previewAttachments TEXT;
        """

    /// The value's life as one model: a version replaced by a newer one names it (an undecided
    /// version replaced can no longer be decided); a message released from quarantine goes back
    /// to intake as a message of its own, vouched for by the operator; handling attempts are
    /// counted so a message that crashes the daemon is set aside alone; a message over the size
    /// limit is archived in part (its headers and first 64 KB), with its full size; a document
    /// keeps the page count qpdf read. Raw messages, documents and letters move to tables of
    /// their own, where the BLOB is the last column: SQLite then writes a `zeroblob` placeholder
    /// without building it in memory, and the bytes go in by incremental BLOB I/O; and changing
    /// a row's state no longer rewrites its bytes (an UPDATE writes the whole record — for a
    /// letter, 24 KB twice per send).
    static let v6 = """
        ALTER TABLE valueVersion ADD COLUMN supersededBy INTEGER REFERENCES valueVersion(id);
        UPDATE valueVersion SET supersededBy = (
            SELECT min(w.id) FROM valueVersion w WHERE w.organizationId = valueVersion.organizationId
                AND w.roundId = valueVersion.roundId AND w.indicatorCode = valueVersion.indicatorCode
                AND w.id > valueVersion.id);
        ALTER TABLE inbound ADD COLUMN releasedBy TEXT;
        ALTER TABLE inbound ADD COLUMN handleAttempts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE inbound ADD COLUMN fullSize INTEGER;
        ALTER TABLE document ADD COLUMN pages INTEGER;
        CREATE TABLE inboundRaw (inboundId INTEGER PRIMARY KEY REFERENCES inbound(id), raw BLOB NOT NULL);
        INSERT INTO inboundRaw (inboundId, raw) SELECT id, raw FROM inbound;
        ALTER TABLE inbound DROP COLUMN raw;
        CREATE TABLE documentBytes (documentId INTEGER PRIMARY KEY REFERENCES document(id), bytes BLOB NOT NULL);
        INSERT INTO documentBytes (documentId, bytes) SELECT id, bytes FROM document;
        ALTER TABLE document DROP COLUMN bytes;
        CREATE TABLE heartbeat (name TEXT PRIMARY KEY, at TEXT NOT NULL);
        CREATE TABLE outboxRaw (outboxId INTEGER PRIMARY KEY REFERENCES outbox(id), raw BLOB NOT NULL);
        INSERT INTO outboxRaw (outboxId, raw) SELECT id, raw FROM outbox;
        ALTER TABLE outbox DROP COLUMN raw;
        """

    /// Indexes for the reports' window queries over the whole region.
    static let v5 = """
        CREATE INDEX valueVersion_accepted ON valueVersion(organizationId, indicatorCode, decidedAt) WHERE state = 'accepted';
        CREATE INDEX valueVersion_round ON valueVersion(roundId, organizationId, indicatorCode);
        CREATE INDEX inbound_contact ON inbound(contactId, outcome);
        CREATE INDEX participant_organization ON participant(organizationId);
        CREATE INDEX valueVersion_org_indicator ON valueVersion(organizationId, indicatorCode);
        """

    /// IMAP's place in each folder, and when each letter entered the outbox (retries give up
    /// after a maximum age).
    static let v4 = """
        CREATE TABLE imapState (
            folder TEXT PRIMARY KEY,
            uidValidity INTEGER NOT NULL,
            lastUID INTEGER NOT NULL
        );
        ALTER TABLE outbox ADD COLUMN queuedAt TEXT;
        UPDATE outbox SET queuedAt = (SELECT createdAt FROM letter WHERE letter.id = outbox.letterId);
        """

    /// Which submissions each review letter listed (ПРИНЯТЬ ВСЕ means those, nothing newer),
    /// and when a submission first went out for review.
    static let v3 = """
        CREATE TABLE reviewItem (
            letterId INTEGER NOT NULL REFERENCES letter(id),
            valueVersionId INTEGER NOT NULL REFERENCES valueVersion(id),
            PRIMARY KEY (letterId, valueVersionId)
        ) WITHOUT ROWID;
        CREATE INDEX reviewItem_value ON reviewItem(valueVersionId);
        ALTER TABLE valueVersion ADD COLUMN sentForReviewAt TEXT;
        CREATE INDEX valueVersion_unsent ON valueVersion(state, sentForReviewAt);
        """

    /// Token revocation (a generation per contact), address aliases, bounces and the failing
    /// state of addresses, and reasons on letters (for rate limits).
    static let v2 = """
        ALTER TABLE contact ADD COLUMN tokenGeneration INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE contact ADD COLUMN failingSince TEXT;
        ALTER TABLE contact ADD COLUMN failingDetail TEXT;
        CREATE TABLE contactAlias (
            email TEXT PRIMARY KEY COLLATE NOCASE,
            contactId INTEGER NOT NULL REFERENCES contact(id)
        );
        CREATE TABLE bounce (
            id INTEGER PRIMARY KEY,
            inboundId INTEGER NOT NULL REFERENCES inbound(id),
            letterId INTEGER REFERENCES letter(id),
            contactId INTEGER REFERENCES contact(id),
            permanent INTEGER NOT NULL,
            status TEXT NOT NULL,
            at TEXT NOT NULL
        );
        ALTER TABLE outbox ADD COLUMN temporaryBounces INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE letter ADD COLUMN reason TEXT;
        ALTER TABLE letter ADD COLUMN recipient TEXT;
        CREATE INDEX letter_recipient ON letter(recipient, createdAt);
        CREATE INDEX letter_contact_time ON letter(contactId, createdAt);
        """
}
