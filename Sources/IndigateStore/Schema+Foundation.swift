extension Schema {
    /// The first schema: organisations and contacts, the catalogue, rounds, inbound mail,
    /// documents, value versions and reviews, letters and the outbox, quarantine and the audit.
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
