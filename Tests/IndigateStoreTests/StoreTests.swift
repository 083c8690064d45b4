import Foundation
import GRDB
import IndigateCore
import Testing

@testable import IndigateStore

@Suite struct StoreTests {
    @Test func opensWithWALFullSynchronousAndForeignKeys() throws {
        let fixture = try StoreFixture()
        let pragmas = try fixture.store.pragmas()
        #expect(pragmas.journalMode == "wal")
        #expect(pragmas.synchronous == 2)
        #expect(pragmas.foreignKeys)
        #expect(pragmas.tempStore == 2, "savepoints' statement journals in memory")
    }

    @Test func valuesAreIndexedOnceForEachWayTheyAreLookedUp() throws {
        let fixture = try StoreFixture()
        let (indexes, plan, checkpoint) = try fixture.store.read { tx in
            (
                try String.fetchAll(
                    tx.db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'valueVersion' ORDER BY name"),
                try Row.fetchAll(
                    tx.db,
                    sql: "EXPLAIN QUERY PLAN SELECT id FROM valueVersion WHERE organizationId = 1 AND roundId = 1"
                ).map { $0["detail"] as String }.joined(),
                try Int.fetchOne(tx.db, sql: "PRAGMA wal_autocheckpoint")
            )
        }
        #expect(!indexes.contains("valueVersion_org_round") && !indexes.contains("valueVersion_state"))
        #expect(indexes.contains("valueVersion_round") && indexes.contains("valueVersion_unsent"))
        #expect(plan.contains("valueVersion_round (roundId=? AND organizationId=?)"), "\(plan)")
        #expect(checkpoint == Store.checkpointPages)
    }

    @Test func createsTheDatabaseFileAndItsDirectory() throws {
        let fixture = try StoreFixture()
        #expect(FileManager.default.fileExists(atPath: fixture.path))
    }

    @Test func reopensAnExistingFileWithoutMigratingTwice() throws {
        let fixture = try StoreFixture()
        _ = try fixture.store.write { try $0.makeOrganization() }
        let reopened = try Store(path: fixture.path)
        let migrations = try reopened.read { try String.fetchAll($0.db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations.first == "v1-foundation")
        #expect(Set(migrations).count == migrations.count, "each migration recorded once")
        #expect(try reopened.read { try $0.allOrganizations().map(\.organization.inn) } == ["7415000001"])
        #expect(try reopened.pragmas().journalMode == "wal")
    }

    @Test func refusesAContactOfANonExistentOrganisation() throws {
        let fixture = try StoreFixture()
        #expect(throws: StoreError.self) {
            try fixture.store.write { try $0.makeContact(organizationID: 999) }
        }
        #expect(try fixture.store.read { try $0.contact(email: "school5@school.test") } == nil)
    }

    @Test func reportsAConstraintViolationAsNotTemporary() throws {
        let fixture = try StoreFixture()
        let error = try #require(throws: StoreError.self) {
            try fixture.store.write { try $0.makeContact(organizationID: 999) }
        }
        #expect(error.code != nil)
        #expect(!error.isTemporary)
        #expect(error.description.hasPrefix("could not write"))
    }

    @Test func keepsNothingOfAWriteThatThrows() throws {
        let fixture = try StoreFixture()
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try fixture.store.write { db in
                try db.makeOrganization()
                throw Abort()
            }
        }
        #expect(try fixture.store.read { try $0.allOrganizations() }.isEmpty)
    }

    @Test func undoesOnlyTheSavepointThatThrows() throws {
        let fixture = try StoreFixture()
        struct Abort: Error {}
        try fixture.store.write { db in
            try db.makeOrganization(inn: "7415000001")
            _ = try? db.savepoint {
                try db.makeOrganization(inn: "7415000002")
                throw Abort()
            }
        }
        #expect(try fixture.store.read { try $0.allOrganizations().map(\.organization.inn) } == ["7415000001"])
    }
}
