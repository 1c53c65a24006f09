import Foundation
import Logging
import MMSKitStore
import MMSKitTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Each way of failing to reach a PostgreSQL store is told at once in its own words, with exit status 2: a refused
/// login (tried once, never retried, the password never shown), a missing database, a refused port; and a read
/// command on a database without a store says so instead of creating one.
@Suite struct PostgresConnectionTests {
    static func stats(_ location: StoreLocation.PostgresLocation) throws -> CLIRunner.Result {
        var url = "postgres://\(location.user)"
        if let password = location.password { url += ":\(password)" }
        url += "@\(location.host ?? "127.0.0.1"):\(location.port)/\(location.database)"
        return try CLIRunner.run(["receipts", "stats", "--db", url])
    }

    @Test func aWrongPasswordIsSaidAtOnceAndTriedOnce() async throws {
        guard let database = try await PostgresTestServer.freshDatabase(),
            let wrong = PostgresTestServer.asPasswordRole(database, password: "not-the-password-42")
        else { return }
        let failedLogins = {
            PostgresTestServer.serverLog()?.components(
                separatedBy: #"password authentication failed for user "mmskit_password""#
            ).count
        }
        let before = try #require(failedLogins(), "the log of the server the tests started")
        let result = try Self.stats(wrong)
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                #"refused the login of mmskit_password: password authentication failed for user "mmskit_password"; check the user and password in --db"#
            ), "\(result.stderr)")
        #expect(!result.stderr.contains("not-the-password-42"))
        #expect(result.stderr.contains("postgres://mmskit_password:***@"))
        #expect(try #require(failedLogins()) - before == 1, "one login tried, not retried")
        let right = try #require(
            PostgresTestServer.asPasswordRole(database, password: PostgresTestServer.passwordRole.password))
        let accepted = try Self.stats(right)
        #expect(accepted.stderr.contains("holds no mmskit store yet"), "\(accepted.stderr)")
    }

    @Test func aMissingDatabaseIsNamedWithHowToCreateIt() async throws {
        guard var location = try await PostgresTestServer.freshDatabase() else { return }
        location.database = "mmskit_absent"
        let result = try Self.stats(location)
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "has no database mmskit_absent; create it (createdb -h 127.0.0.1 -p \(location.port) -U \(location.user) mmskit_absent"
            ), "\(result.stderr)")
    }

    @Test func aRefusedPortIsNamed() throws {
        let port = try LoopbackListener.closedPort()
        let result = try Self.stats(
            StoreLocation.PostgresLocation(
                user: "app", password: "hunter2", host: "127.0.0.1", port: port, database: "r"))
        #expect(result.status == 2)
        #expect(result.stderr.contains("127.0.0.1:\(port) refused the connection"), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2") && !result.stderr.contains("no answer"))
    }

    /// A port that takes the connection and never answers (the kernel accepts it into the listen backlog).
    @Test func aServerThatNeverAnswersIsNamedAfterTheTimeout() async throws {
        let (descriptor, port) = try LoopbackListener.open()
        defer { close(descriptor) }
        let location = StoreLocation.PostgresLocation(user: "app", host: "127.0.0.1", port: port, database: "r")
        await #expect {
            _ = try await PostgresPushStore(
                location: location, logger: Logger(label: "test"), connectTimeout: .seconds(1))
        } throws: { error in
            "\(error)"
                == "cannot use the database postgres://app@127.0.0.1:\(port)/r: no answer from 127.0.0.1:\(port) within 1.0 seconds"
        }
    }

    @Test func aReadCommandCreatesNoStore() async throws {
        guard let location = try await PostgresTestServer.freshDatabase() else { return }
        for _ in 0..<2 {
            let result = try Self.stats(location)
            #expect(result.status == 2)
            #expect(
                result.stderr.contains(
                    "the database \(StoreLocation.postgres(location)) holds no mmskit store yet (it has no pushes and outbox tables)"
                ), "\(result.stderr)")
        }
        let store = try await PostgresPushStore(location: location, logger: Logger(label: "test"))
        _ = try await store.store([Pushes.receipt(task: "t1", phone: "13800000000")])
        try await store.close()
        let result = try Self.stats(location)
        #expect(result.status == 0 && result.stdoutText.contains("t1"), "\(result.stderr)")
    }
}
