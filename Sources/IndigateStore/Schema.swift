import GRDB

/// The database schema, as migrations. A shipped migration is never edited: a change is a new
/// migration appended at the end.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2-security") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3-review") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4-transports") { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5-reports") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6-value-life") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7-preview") { db in
            try db.execute(sql: v7)
        }
        migrator.registerMigration("v8-deadlines") { db in
            try db.execute(sql: v8)
        }
        migrator.registerMigration("v9-address-changes") { db in
            try db.execute(sql: v9)
        }
        migrator.registerMigration("v10-document-preview") { db in
            try db.execute(sql: v10)
        }
        return migrator
    }

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

    static let v1 = """
        CREATE TABLE organization (
            id INTEGER PRIMARY KEY,
            inn TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('school', 'mouo', 'other')),
            shortName TEXT NOT NULL,
            fullName TEXT NOT NULL,
            municipality TEXT,
            mouoInn TEXT
        );
        CREATE TABLE contact (
            id INTEGER PRIMARY KEY,
            organizationId INTEGER NOT NULL REFERENCES organization(id),
            role TEXT NOT NULL CHECK (role IN ('respondent', 'coordinator', 'operator')),
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            personName TEXT NOT NULL DEFAULT '',
            position TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            failing INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX contact_organization ON contact(organizationId);
        CREATE TABLE indicatorGroup (
            code TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            position INTEGER NOT NULL
        );
        CREATE TABLE indicator (
            code TEXT PRIMARY KEY,
            groupCode TEXT NOT NULL REFERENCES indicatorGroup(code),
            question TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('numeric', 'yesno', 'percentage')),
            part1 TEXT,
            part2 TEXT,
            document TEXT,
            position INTEGER NOT NULL
        );
        CREATE TABLE participant (
            indicatorCode TEXT NOT NULL REFERENCES indicator(code) ON DELETE CASCADE,
            organizationId INTEGER NOT NULL REFERENCES organization(id),
            PRIMARY KEY (indicatorCode, organizationId)
        ) WITHOUT ROWID;
        CREATE TABLE round (
            id INTEGER PRIMARY KEY,
            month TEXT NOT NULL UNIQUE,
            deadline TEXT NOT NULL,
            nextDataAfter TEXT NOT NULL,
            openedAt TEXT NOT NULL
        );
        CREATE TABLE roundIndicator (
            roundId INTEGER NOT NULL REFERENCES round(id),
            indicatorCode TEXT NOT NULL REFERENCES indicator(code),
            PRIMARY KEY (roundId, indicatorCode)
        ) WITHOUT ROWID;
        CREATE TABLE inbound (
            id INTEGER PRIMARY KEY,
            receivedAt TEXT NOT NULL,
            source TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            messageId TEXT,
            raw BLOB NOT NULL,
            size INTEGER NOT NULL,
            fromAddress TEXT,
            subject TEXT,
            contactId INTEGER REFERENCES contact(id),
            outcome TEXT NOT NULL DEFAULT 'pending'
                CHECK (outcome IN ('pending', 'applied', 'quarantined', 'ignored')),
            outcomeDetail TEXT,
            parseAttempts INTEGER NOT NULL DEFAULT 0,
            processedAt TEXT
        );
        CREATE INDEX inbound_messageId ON inbound(messageId);
        CREATE INDEX inbound_outcome ON inbound(outcome);
        CREATE TABLE document (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL,
            bytes BLOB NOT NULL,
            size INTEGER NOT NULL,
            fileName TEXT NOT NULL,
            inboundId INTEGER NOT NULL REFERENCES inbound(id),
            organizationId INTEGER NOT NULL REFERENCES organization(id),
            indicatorCode TEXT NOT NULL REFERENCES indicator(code),
            roundId INTEGER NOT NULL REFERENCES round(id),
            receivedAt TEXT NOT NULL
        );
        CREATE INDEX document_sha256 ON document(sha256);
        CREATE TABLE valueVersion (
            id INTEGER PRIMARY KEY,
            organizationId INTEGER NOT NULL REFERENCES organization(id),
            indicatorCode TEXT NOT NULL REFERENCES indicator(code),
            roundId INTEGER NOT NULL REFERENCES round(id),
            contactId INTEGER NOT NULL REFERENCES contact(id),
            inboundId INTEGER NOT NULL REFERENCES inbound(id),
            state TEXT NOT NULL CHECK (state IN ('saved', 'review', 'accepted', 'rejected')),
            number INTEGER,
            yes INTEGER,
            part INTEGER,
            whole INTEGER,
            documentId INTEGER REFERENCES document(id),
            submittedAt TEXT NOT NULL,
            late INTEGER NOT NULL DEFAULT 0,
            decidedAt TEXT,
            decidedBy INTEGER REFERENCES contact(id),
            resolution TEXT
        );
        CREATE INDEX valueVersion_org_round ON valueVersion(organizationId, roundId, indicatorCode);
        CREATE INDEX valueVersion_state ON valueVersion(state);
        CREATE TABLE review (
            id INTEGER PRIMARY KEY,
            valueVersionId INTEGER NOT NULL REFERENCES valueVersion(id),
            operatorId INTEGER NOT NULL REFERENCES contact(id),
            decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
            resolution TEXT,
            decidedAt TEXT NOT NULL,
            inboundId INTEGER REFERENCES inbound(id)
        );
        CREATE TABLE letter (
            id INTEGER PRIMARY KEY,
            purpose TEXT NOT NULL,
            contactId INTEGER NOT NULL REFERENCES contact(id),
            roundId INTEGER REFERENCES round(id),
            inboundId INTEGER REFERENCES inbound(id),
            messageId TEXT NOT NULL UNIQUE,
            subject TEXT NOT NULL,
            createdAt TEXT NOT NULL
        );
        CREATE INDEX letter_contact ON letter(contactId, purpose);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            letterId INTEGER NOT NULL UNIQUE REFERENCES letter(id),
            recipient TEXT NOT NULL,
            envelopeFrom TEXT NOT NULL,
            raw BLOB NOT NULL,
            state TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            nextAttemptAt TEXT NOT NULL,
            lastError TEXT,
            sentAt TEXT
        );
        CREATE INDEX outbox_due ON outbox(state, nextAttemptAt);
        CREATE TABLE quarantine (
            id INTEGER PRIMARY KEY,
            inboundId INTEGER NOT NULL UNIQUE REFERENCES inbound(id),
            reason TEXT NOT NULL,
            detail TEXT,
            createdAt TEXT NOT NULL,
            releasedAt TEXT,
            droppedAt TEXT
        );
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        """
}
