import GRDB
import PostgresNIO

/// The store cannot be used: which database (password redacted), and why, in one line.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    /// The database at `location` (a `StoreLocation`'s description) failed with `error`: SQLite's or the
    /// PostgreSQL server's own message, never a password.
    public static func unusable(_ location: String, _ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        return unusable(location, reason(error))
    }

    static func unusable(_ location: String, _ reason: String) -> StoreError {
        StoreError("cannot use the database \(location): \(reason)")
    }

    static let closed = StoreError("the store is closed")

    /// A store opened for reading whose schema is not this release's: `applied` are the migrations it has. One
    /// written by an earlier release is brought up to date by `mmskit-server receipts migrate` (or by starting
    /// `receipts serve` on it); one written by a later release needs that release.
    static func schema(_ location: String, applied: [String]) -> StoreError? {
        let known = StoreMigration.identifiers
        if applied == known { return nil }
        if let unknown = applied.first(where: { !known.contains($0) }) {
            return StoreError(
                "\(location) was written by a later release of mmskit (it has the migration '\(unknown)'); read it with that release"
            )
        }
        let missing = known.filter { !applied.contains($0) }
        return StoreError(
            "\(location) was written by an earlier release of mmskit and lacks \(missing.count == 1 ? "the migration" : "the migrations") \(missing.map { "'\($0)'" }.joined(separator: ", ")); run `mmskit-server receipts migrate --db \(location)` (or start receipts serve on it) to bring it up to date in place, nothing lost"
        )
    }

    /// The database's words for a failure, without GRDB's statement dump or PSQLError's generic text.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.resultCode.description }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }
}
