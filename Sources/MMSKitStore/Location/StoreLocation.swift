import Foundation
import Logging
import MMSKit

/// Where the store is, as `--db` names it: a SQLite file path (the default `receipts.sqlite`), or a PostgreSQL
/// URL `postgres://USER[:PASSWORD]@HOST[:PORT]/DB` (also `postgresql://`; `?host=/socket/dir` for a Unix socket).
/// Its description never shows the password.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// The `--db` default.
    public static let defaultPath = "receipts.sqlite"

    /// A PostgreSQL server and database.
    public struct PostgresLocation: Sendable, Equatable {
        public var user: String
        public var password: String?
        /// The host name or address; nil with a Unix socket.
        public var host: String?
        public var port: Int
        /// The directory holding the server's socket (`?host=`), whose socket file is `.s.PGSQL.PORT`.
        public var socketDirectory: String?
        public var database: String
        /// `?sslmode=`: `disable` (the default for loopback hosts and sockets), `prefer` (the default otherwise) or
        /// `require`.
        public var tls: TLSMode

        public enum TLSMode: String, Sendable, Equatable {
            case disable
            case prefer
            case require
        }

        public init(
            user: String, password: String? = nil, host: String?, port: Int = 5432, socketDirectory: String? = nil,
            database: String,
            tls: TLSMode = .disable
        ) {
            self.user = user
            self.password = password
            self.host = host
            self.port = port
            self.socketDirectory = socketDirectory
            self.database = database
            self.tls = tls
        }

        /// The socket file when connecting through a Unix socket.
        public var socketPath: String? {
            socketDirectory.map { "\($0)/.s.PGSQL.\(port)" }
        }
    }

    /// Reads a `--db` value.
    public init(parsing value: String) throws(StoreLocationError) {
        let lowered = value.lowercased()
        guard lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") else {
            guard !value.isEmpty else { throw StoreLocationError(value: value, reason: "it is empty") }
            if lowered.contains("://") {
                throw StoreLocationError(
                    value: Self.redacted(value), reason: "only postgres:// and postgresql:// URLs are databases")
            }
            self = .sqlite(path: value)
            return
        }
        self = .postgres(try Self.postgres(value))
    }

    private static func postgres(_ value: String) throws(StoreLocationError) -> PostgresLocation {
        let shown = redacted(value)
        guard let components = URLComponents(string: value) else {
            throw StoreLocationError(value: shown, reason: "it is not a URL")
        }
        guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw StoreLocationError(value: shown, reason: "it names no user")
        }
        let password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreLocationError(value: shown, reason: "it names no database (/DB after the host)")
        }
        var socketDirectory: String?
        var tls: PostgresLocation.TLSMode?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "host":
                guard let directory = item.value, directory.hasPrefix("/") else {
                    throw StoreLocationError(
                        value: shown, reason: "host= must be the absolute path of the socket directory")
                }
                socketDirectory = directory
            case "sslmode":
                guard let mode = item.value.flatMap(PostgresLocation.TLSMode.init(rawValue:)) else {
                    throw StoreLocationError(value: shown, reason: "sslmode must be disable, prefer or require")
                }
                tls = mode
            default:
                throw StoreLocationError(
                    value: shown, reason: "the parameter \(item.name) is not supported (only host= and sslmode=)")
            }
        }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 }
        guard host != nil || socketDirectory != nil else {
            throw StoreLocationError(value: shown, reason: "it names no host (or ?host=/socket/dir)")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else {
            throw StoreLocationError(value: shown, reason: "the port \(port) is out of range")
        }
        let isLocal = socketDirectory != nil || ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host ?? "")
        return PostgresLocation(
            user: user, password: password, host: socketDirectory == nil ? host : nil, port: port,
            socketDirectory: socketDirectory,
            database: database, tls: tls ?? (isLocal ? .disable : .prefer))
    }

    /// The location for messages and logs: a PostgreSQL password shows as `***`.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return path
        case .postgres(let location):
            let password = location.password == nil ? "" : ":***"
            var text =
                "postgres://\(location.user)\(password)@\(location.host ?? ""):\(location.port)/\(location.database)"
            if let directory = location.socketDirectory { text += "?host=\(directory)" }
            return text
        }
    }

    /// The files of a SQLite store: the database and those SQLite keeps beside it (`-wal`, `-shm`, `-journal`),
    /// which a command's output must never replace; none for PostgreSQL.
    public var files: [String] {
        switch self {
        case .sqlite(let path): [path, path + "-wal", path + "-shm", path + "-journal"]
        case .postgres: []
        }
    }

    /// `value` with any password in a URL's user part replaced by `***`.
    static func redacted(_ value: String) -> String {
        value.replacing(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^:\/@]*):[^@\/]*@/) { "\($0.1):***@" }
    }

    /// Opens the store for the receiver: a missing SQLite file or PostgreSQL schema is created, an outdated one
    /// migrated in place.
    /// - Parameters:
    ///   - forwarding: whether stored records also get outbox rows (`--forward-to`).
    ///   - pool: who runs a PostgreSQL connection pool: the store itself, or the caller's `ServiceGroup` (the
    ///     store's `services`), as the receiver does.
    ///   - keywords: the replies that add a number to the suppression list (or take it off).
    ///   - logger: the database client's warnings and errors.
    public func open(
        forwarding: Bool, pool: PostgresPushStore.PoolRunning = .byTheStore,
        keywords: OptOutKeywords = OptOutKeywords(),
        logger: Logger = Logger(label: "mmskit.store")
    ) async throws -> any PushStore & OptOutStore {
        switch self {
        case .sqlite(let path):
            return try SQLitePushStore(path: path, forwarding: forwarding, keywords: keywords)
        case .postgres(let location):
            return try await PostgresPushStore(
                location: location, forwarding: forwarding, logger: Self.quiet(logger), pool: pool, keywords: keywords)
        }
    }

    /// Opens an existing store for the read commands, read-only: nothing is created or written, and a file or
    /// database that holds no mmskit store is named as such.
    public func openForReading(
        logger: Logger = Logger(label: "mmskit.store")
    ) async throws -> any PushStore & OptOutStore {
        switch self {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw StoreError.unusable(
                    path, "there is no such file (receipts serve creates it; name another with --db)")
            }
            return try SQLitePushStore(readingFrom: path)
        case .postgres(let location):
            return try await PostgresPushStore(readingFrom: location, logger: Self.quiet(logger))
        }
    }

    /// Brings the store's schema up to date in place (creating it when there is none), as `open` does, and says
    /// which migrations that applied: for a deploy step that migrates before the receivers start.
    /// - Returns: the migrations applied now, oldest first (empty when the store was up to date).
    public func migrate(logger: Logger = Logger(label: "mmskit.store")) async throws -> [String] {
        switch self {
        case .sqlite(let path):
            let store = try SQLitePushStore(path: path)
            try await store.close()
            return store.migrationsAppliedAtOpening
        case .postgres(let location):
            let store = try await PostgresPushStore(location: location, logger: Self.quiet(logger))
            try await store.close()
            return store.migrationsAppliedAtOpening
        }
    }

    /// The PostgreSQL client's own logging, warnings and above only.
    private static func quiet(_ logger: Logger) -> Logger {
        var logger = logger
        if logger.logLevel < .warning { logger.logLevel = .warning }
        return logger
    }
}
