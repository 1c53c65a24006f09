import Foundation
import Logging
import MMSKitStore
import PostgresNIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The PostgreSQL server the store tests use: `MMSKIT_TEST_POSTGRES_URL`, or else one started once with
/// `scripts/postgres-test-server.sh` and stopped when the test process exits. When none can be had, the
/// PostgreSQL cases print why and pass, except under `CI=true`, where that is a failure.
public enum PostgresTestServer {
    /// The server's base location, or why there is none.
    private static let server: Result<StoreLocation.PostgresLocation, StoreError> = {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["MMSKIT_TEST_POSTGRES_URL"], !url.isEmpty {
            guard case .postgres(let location)? = try? StoreLocation(parsing: url) else {
                return .failure(StoreError("MMSKIT_TEST_POSTGRES_URL is not a postgres:// URL"))
            }
            return .success(location)
        }
        return start()
    }()

    /// The directory of the cluster this process started, stopped at exit.
    nonisolated(unsafe) private static var startedDirectory: String?

    private static func start() -> Result<StoreLocation.PostgresLocation, StoreError> {
        let script = PackagePaths.root.appendingPathComponent("scripts/postgres-test-server.sh").path
        // Files, not pipes: the server inherits the script's descriptors and would hold a pipe open forever.
        guard let scratch = try? TemporaryDirectory("mmskit-postgres-start") else {
            return .failure(StoreError("cannot create a temporary directory"))
        }
        let outputPath = scratch.appending("stdout")
        let errorPath = scratch.appending("stderr")
        let status = run(["/bin/bash", script, "start"], output: outputPath, errors: errorPath)
        guard status >= 0 else { return .failure(StoreError("cannot run \(script)")) }
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        let errorText = String(decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard status == 0, lines.count >= 2, case .postgres(let location)? = try? StoreLocation(parsing: lines[0])
        else {
            return .failure(
                StoreError(
                    "scripts/postgres-test-server.sh could not start a server: \(errorText.trimmingCharacters(in: .whitespacesAndNewlines))"
                ))
        }
        startedDirectory = lines[1]
        atexit {
            guard let directory = PostgresTestServer.startedDirectory else { return }
            _ = PostgresTestServer.run(
                [
                    "/bin/bash", PackagePaths.root.appendingPathComponent("scripts/postgres-test-server.sh").path,
                    "stop", directory,
                ],
                output: "/dev/null", errors: "/dev/null")
        }
        return .success(location)
    }

    /// Runs a command to its end with stdout and stderr in files and returns its exit status (-1: not run). It
    /// spawns and waits itself: Foundation's Process never saw this child end when the server daemonised under it.
    public static func run(_ arguments: [String], output: String, errors: String) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
    }

    /// The role that scripts/postgres-test-server.sh makes log in with a password (scram-sha-256), and the password.
    public static let passwordRole = (user: "mmskit_password", password: "mmskit-test-password")

    /// `database` on the server, as the role that must give a password, with `password`; nil after saying why when
    /// the server is not one the script started (only that one has the role).
    public static func asPasswordRole(
        _ database: StoreLocation.PostgresLocation, password: String
    ) -> StoreLocation.PostgresLocation? {
        guard ProcessInfo.processInfo.environment["MMSKIT_TEST_POSTGRES_URL"]?.isEmpty ?? true else {
            print("skipping the password case: MMSKIT_TEST_POSTGRES_URL's server has no \(passwordRole.user) role")
            return nil
        }
        var location = database
        location.user = passwordRole.user
        location.password = password
        return location
    }

    /// A new empty database on the server (each test gets its own), or nil after saying why there is no server.
    public static func freshDatabase() async throws -> StoreLocation.PostgresLocation? {
        guard let base = try baseLocation() else { return nil }
        let name = "mmskit_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let configuration = PostgresClient.Configuration(
            host: base.host ?? "127.0.0.1", port: base.port, username: base.user, password: base.password,
            database: base.database,
            tls: .disable)
        let client = PostgresClient(
            configuration: base.socketPath.map {
                PostgresClient.Configuration(
                    unixSocketPath: $0, username: base.user, password: base.password, database: base.database)
            } ?? configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            group.cancelAll()
        }
        var location = base
        location.database = name
        return location
    }

    /// Runs `statements` in order on the database at `location` (a test's own fixture SQL).
    public static func execute(_ statements: [String], on location: StoreLocation.PostgresLocation) async throws {
        let client = PostgresClient(
            configuration: location.socketPath.map {
                PostgresClient.Configuration(
                    unixSocketPath: $0, username: location.user, password: location.password,
                    database: location.database)
            }
                ?? PostgresClient.Configuration(
                    host: location.host ?? "127.0.0.1", port: location.port, username: location.user,
                    password: location.password, database: location.database, tls: .disable))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            for statement in statements { try await client.query(PostgresQuery(unsafeSQL: statement)) }
            group.cancelAll()
        }
    }

    /// The log of the server this process started (each failed login is a line of it), or nil for another server.
    public static func serverLog() -> String? {
        startedDirectory.flatMap { FileManager.default.contents(atPath: "\($0)/server.log") }
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// The server's base location, or nil after saying why there is none (a failure under `CI=true`).
    private static func baseLocation() throws -> StoreLocation.PostgresLocation? {
        switch server {
        case .success(let location):
            return location
        case .failure(let error):
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                throw StoreError("no PostgreSQL server for the tests under CI: \(error)")
            }
            print("skipping the PostgreSQL case: \(error)")
            return nil
        }
    }
}
