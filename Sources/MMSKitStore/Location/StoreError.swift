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
