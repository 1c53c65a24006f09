import MMSKitStore
import Testing

@Suite struct StoreLocationTests {
    @Test func aPathIsASQLiteFile() throws {
        #expect(try StoreLocation(parsing: "receipts.sqlite") == .sqlite(path: "receipts.sqlite"))
        #expect(try StoreLocation(parsing: "/var/lib/mmskit/r.db") == .sqlite(path: "/var/lib/mmskit/r.db"))
    }

    @Test func aPostgresURL() throws {
        let location = try StoreLocation(parsing: "postgresql://app:s%40cret@db.example:6543/receipts")
        guard case .postgres(let postgres) = location else { Issue.record("not postgres"); return }
        #expect(postgres.user == "app")
        #expect(postgres.password == "s@cret")
        #expect(postgres.host == "db.example")
        #expect(postgres.port == 6543)
        #expect(postgres.database == "receipts")
        #expect(postgres.tls == .prefer)
        #expect(location.description == "postgres://app:***@db.example:6543/receipts")
        #expect(!location.description.contains("cret"))
    }

    @Test func aUnixSocketAndTheDefaultPort() throws {
        guard case .postgres(let postgres) = try StoreLocation(parsing: "postgres://postgres@/mmskit?host=/run/postgresql") else {
            Issue.record("not postgres")
            return
        }
        #expect(postgres.host == nil)
        #expect(postgres.socketPath == "/run/postgresql/.s.PGSQL.5432")
        #expect(postgres.tls == .disable)
        guard case .postgres(let local) = try StoreLocation(parsing: "postgres://u@127.0.0.1/d") else { return }
        #expect(local.port == 5432)
        #expect(local.tls == .disable)
    }

    @Test(arguments: [
        ("postgres://app:hunter2@db/", "names no database"),
        ("postgres://db.example/receipts", "names no user"),
        ("postgres://app:hunter2@/receipts", "names no host"),
        ("postgres://app@db/receipts?host=relative", "host= must be"),
        ("postgres://app@db/receipts?sslmode=maybe", "sslmode"),
        ("mysql://app:hunter2@db/receipts", "only postgres://"),
        ("", "empty"),
    ])
    func badValuesAreNamedWithoutThePassword(value: String, reason: String) {
        #expect {
            try StoreLocation(parsing: value)
        } throws: { error in
            let text = "\(error)"
            return text.contains(reason) && !text.contains("hunter2") && text.contains("postgres://USER[:PASSWORD]@HOST[:PORT]/DB")
                && (value.isEmpty || text.contains(value.replacingOccurrences(of: ":hunter2@", with: ":***@")))
        }
    }
}
