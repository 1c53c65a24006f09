import GRDB

/// The SQLite schema: `StoreMigration.all` registered with GRDB's `DatabaseMigrator`, which records each applied
/// migration in the database and applies the missing ones, in order, when the store is opened for writing.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in StoreMigration.all {
            migrator.registerMigration(migration.identifier) { db in try db.execute(sql: migration.sqlite) }
        }
        return migrator
    }
}
