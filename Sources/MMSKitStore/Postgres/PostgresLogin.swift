import Foundation
import Logging
import PostgresNIO

/// One connection to a PostgreSQL store before its connection pool starts: the pool retries a failed connection
/// for as long as its timeout, which turned a wrong password into ~17 logins (enough to trip a lockout policy) and
/// every failure into the same "no answer" after 15 s. One attempt says at once what is wrong, and the same
/// connection then checks or migrates the schema, so that the pool itself needs to run only once the store is in
/// use (as a service of the receiver's `ServiceGroup`, or a task of a read command).
enum PostgresLogin {
    /// Connects once, runs `body` on the connection, and disconnects.
    /// - Throws: `StoreError` saying what went wrong when connecting: the login refused (never retried, the
    ///   password never shown), the database missing (and how to create it), the connection refused, or no answer
    ///   within `timeout`; `body`'s own error as it is.
    static func withConnection<Result: Sendable>(
        _ location: StoreLocation.PostgresLocation, timeout: Duration, logger: Logger,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let connection: PostgresConnection
        do {
            var configuration = try connectionConfiguration(location)
            configuration.options.connectTimeout = .nanoseconds(
                timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
            connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        } catch {
            throw StoreError.unusable(StoreLocation.postgres(location).description, failure(error, location, timeout))
        }
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func connectionConfiguration(
        _ location: StoreLocation.PostgresLocation
    ) throws -> PostgresConnection.Configuration {
        if let socket = location.socketPath {
            return .init(
                unixSocketPath: socket, username: location.user, password: location.password,
                database: location.database)
        }
        let tls: PostgresConnection.Configuration.TLS =
            switch location.tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        return .init(
            host: location.host ?? "127.0.0.1", port: location.port, username: location.user,
            password: location.password, database: location.database, tls: tls)
    }

    /// What a failed attempt means, in words that say what to do.
    static func failure(_ error: any Error, _ location: StoreLocation.PostgresLocation, _ timeout: Duration) -> String {
        let server = location.socketPath ?? "\(location.host ?? "127.0.0.1"):\(location.port)"
        if let error = error as? PSQLError {
            switch error.serverInfo?[.sqlState] {
            case "28P01"?, "28000"?:
                let reason = error.serverInfo?[.message] ?? "authentication failed"
                return
                    "the server at \(server) refused the login of \(location.user): \(reason); check the user and password in --db (not retried, so no lockout policy is tripped)"
            case "3D000"?:
                return
                    "the server at \(server) has no database \(location.database); create it (createdb -h \(location.host ?? location.socketDirectory ?? "127.0.0.1") -p \(location.port) -U \(location.user) \(location.database), or CREATE DATABASE \(location.database)) or name another in --db"
            default:
                break
            }
            if error.code == .authMechanismRequiresPassword {
                return
                    "the server at \(server) asks \(location.user) for a password and --db gives none (postgres://USER:PASSWORD@HOST/DB)"
            }
            if let underlying = error.underlying { return failure(underlying, location, timeout) }
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED:
                return
                    "\(server) refused the connection: no PostgreSQL server is listening there (is it running, and is the port right?)"
            case ENOENT:
                return
                    "there is no PostgreSQL socket \(server) (is the server running, and are ?host= and the port right?)"
            default:
                break
            }
        }
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first?.error {
            return failure(first, location, timeout)
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return "no answer from \(server) within \(timeout)"
        }
        return StoreError.reason(error)
    }
}
