import Foundation
import Logging
import MMSKitProviders
import MMSKitStore
import MMSKitTestSupport
import Synchronization
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nothing acknowledged is ever lost: `mmskit receipts serve` is killed with SIGKILL while a client posts
/// receipts; every receipt answered `success` before the kill is in the store, and after a restart, with the
/// unanswered ones posted again (as a provider would), every receipt is there exactly once.
@Suite(.serialized) struct DurabilityTests {
    static let total = 3000
    static let killAfter = 1000

    static func phone(_ index: Int) -> String { String(format: "139%08d", index) }

    static func body(_ index: Int) -> Data {
        Data(
            #"{"task_id":"T\#(index % 7)","phone":"\#(phone(index))","code":"DELIVERED","report_time":"2026-12-01 10:00:00"}"#
                .utf8)
    }

    /// An `onAcknowledged` that kills `server` with SIGKILL once, when `count` pushes have been acknowledged.
    static func killing(_ server: ServerProcess, after count: Int) -> @Sendable (Int) -> Void {
        let killed = Mutex(false)
        return { acknowledged in
            guard acknowledged >= count else { return }
            killed.withLock { done in
                if !done {
                    kill(server.process.processIdentifier, SIGKILL)
                    done = true
                }
            }
        }
    }

    /// What `post` sends: push `index`'s body, to `path`.
    struct Pushes: Sendable {
        let path: String
        let body: @Sendable (Int) -> Data

        static let receipts = Pushes(path: "ihuyi/receipts", body: DurabilityTests.body)
    }

    /// Posts pushes `indices` to the servers (round robin) with `concurrency` requests at a time; returns the
    /// ones answered `success`. `onAcknowledged` sees the running count.
    static func post(
        _ indices: [Int], to servers: [URL], concurrency: Int = 32, as pushes: Pushes = .receipts,
        onAcknowledged: @escaping @Sendable (Int) -> Void = { _ in }
    ) async -> Set<Int> {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = concurrency
        configuration.timeoutIntervalForRequest = 15
        let session = URLSession(configuration: configuration)
        defer { session.invalidateAndCancel() }
        let acknowledged = Acknowledged()
        await withTaskGroup(of: Void.self) { group in
            var next = 0
            func add() {
                guard next < indices.count else { return }
                let index = indices[next]
                let server = servers[next % servers.count]
                next += 1
                group.addTask {
                    var request = URLRequest(url: server.appendingPathComponent(pushes.path))
                    request.httpMethod = "POST"
                    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                    request.httpBody = pushes.body(index)
                    guard let (data, response) = try? await session.data(for: request),
                        (response as? HTTPURLResponse)?.statusCode == 200,
                        String(decoding: data, as: UTF8.self) == "success"
                    else { return }
                    onAcknowledged(acknowledged.insert(index))
                }
            }
            for _ in 0..<concurrency { add() }
            while await group.next() != nil { add() }
        }
        return acknowledged.all
    }

    /// The receipts answered `success`, shared by the posting tasks.
    final class Acknowledged: Sendable {
        private let indices = Mutex(Set<Int>())

        /// Adds one; returns how many there are now.
        func insert(_ index: Int) -> Int {
            indices.withLock {
                $0.insert(index)
                return $0.count
            }
        }

        var all: Set<Int> { indices.withLock { $0 } }
    }

    /// The phones of every stored receipt, and how many rows there are.
    static func storedPhones(_ store: any PushStore) async throws -> (phones: Set<String>, rows: Int) {
        var phones = Set<String>()
        var rows = 0
        for try await push in store.records(matching: PushQuery(kind: .deliveryReceipt)) {
            rows += 1
            if let phone = push.record.phone { phones.insert(phone) }
        }
        return (phones, rows)
    }

    @Test func sqliteLosesNothingAcknowledgedWhenKilledUnderLoad() async throws {
        let directory = try TemporaryDirectory("mmskit-durability")
        let database = directory.appending("receipts.sqlite")
        let first = try ServerProcess(
            ["receipts", "serve", "--port", "0", "--db", database], directory: directory.path)
        let acknowledged = await Self.post(
            Array(0..<Self.total), to: [first.url], onAcknowledged: Self.killing(first, after: Self.killAfter))
        first.stop(SIGKILL)
        #expect(first.terminationReason == .uncaughtSignal, "the receiver was killed, not stopped")
        #expect(
            acknowledged.count >= Self.killAfter && acknowledged.count < Self.total,
            "\(acknowledged.count) acknowledged")

        // Before anything is posted again: every acknowledged receipt survived the kill.
        let reader = try SQLitePushStore(path: database)
        let afterKill = try await Self.storedPhones(reader)
        try await reader.close()
        let lost = acknowledged.filter { !afterKill.phones.contains(Self.phone($0)) }
        #expect(lost.isEmpty, "\(lost.count) receipts were answered success and lost")

        // The provider posts the rest again to a restarted receiver on the same database.
        let second = try ServerProcess(
            ["receipts", "serve", "--port", "0", "--db", database], directory: directory.path)
        let rest = (0..<Self.total).filter { !acknowledged.contains($0) }
        let again = await Self.post(rest, to: [second.url])
        #expect(again.count == rest.count, "every re-post is answered success")
        #expect(second.stop(SIGTERM) == 0, "\(second.standardError)")

        let final = try SQLitePushStore(path: database)
        let stored = try await Self.storedPhones(final)
        try await final.close()
        #expect(stored.rows == Self.total, "each receipt exactly once")
        #expect(stored.phones == Set((0..<Self.total).map(Self.phone)))
    }

    /// A reply and the opt-out it makes are one transaction: killed with SIGKILL while handsets reply (every
    /// other one T), the receiver leaves every stored T reply with its number on the suppression list and no
    /// number on it without its reply, whichever moment the kill came.
    @Test func aReplyAndItsOptOutSurviveAKillTogether() async throws {
        let directory = try TemporaryDirectory("mmskit-durability-optout")
        let database = directory.appending("receipts.sqlite")
        let server = try ServerProcess(
            ["receipts", "serve", "--port", "0", "--db", database], directory: directory.path)
        let total = 1_500
        let replies = Pushes(path: "ihuyi/uplinks") { index in
            Data(
                #"{"task_id":"T1","phone":"\#(Self.phone(index))","content":"\#(index % 2 == 0 ? "T" : "好的")","receive_time":"2026-12-01 10:00:00"}"#
                    .utf8)
        }
        let acknowledged = await Self.post(
            Array(0..<total), to: [server.url], as: replies, onAcknowledged: Self.killing(server, after: 500))
        server.stop(SIGKILL)
        #expect(server.terminationReason == .uncaughtSignal, "the receiver was killed, not stopped")
        #expect(acknowledged.count >= 500 && acknowledged.count < total, "\(acknowledged.count) acknowledged")

        let reader = try SQLitePushStore(path: database)
        var repliedT = Set<String>()
        for try await push in reader.records(matching: PushQuery(kind: .reply)) where push.record.message == "T" {
            repliedT.insert(push.record.phone ?? "")
        }
        var listed = Set<String>()
        for try await entry in reader.allOptOuts() { listed.insert(entry.phone) }
        try await reader.close()
        #expect(listed == repliedT, "\(listed.symmetricDifference(repliedT).count) numbers differ")
        let acknowledgedT = Set(acknowledged.filter { $0 % 2 == 0 }.map(Self.phone))
        #expect(acknowledgedT.isSubset(of: listed), "an acknowledged T reply has no opt-out")
    }

    /// A `--db` value for a test database (trust authentication: no password).
    static func databaseURL(_ location: StoreLocation.PostgresLocation) -> String {
        var url = "postgres://\(location.user)@\(location.host ?? "127.0.0.1"):\(location.port)/\(location.database)"
        if let socket = location.socketDirectory { url += "?host=\(socket)" }
        return url
    }

    /// Two receivers share one PostgreSQL database (as behind a load balancer); one is killed under load.
    @Test func twoPostgresReceiversLoseNothingAcknowledgedWhenOneIsKilled() async throws {
        guard let location = try await PostgresTestServer.freshDatabase() else { return }
        let directory = try TemporaryDirectory("mmskit-durability")
        let database = Self.databaseURL(location)
        let survivor = try ServerProcess(
            ["receipts", "serve", "--port", "0", "--db", database], directory: directory.path)
        let victim = try ServerProcess(
            ["receipts", "serve", "--port", "0", "--db", database], directory: directory.path)
        let acknowledged = await Self.post(
            Array(0..<Self.total), to: [survivor.url, victim.url],
            onAcknowledged: Self.killing(victim, after: Self.killAfter))
        victim.stop(SIGKILL)
        #expect(victim.terminationReason == .uncaughtSignal)
        #expect(acknowledged.count >= Self.killAfter, "\(acknowledged.count) acknowledged")

        let reader = try await PostgresPushStore(location: location, logger: Logger(label: "test"))
        let afterKill = try await Self.storedPhones(reader)
        let lost = acknowledged.filter { !afterKill.phones.contains(Self.phone($0)) }
        #expect(lost.isEmpty, "\(lost.count) receipts were answered success and lost")

        let restarted = try ServerProcess(
            ["receipts", "serve", "--port", "0", "--db", database], directory: directory.path)
        let rest = (0..<Self.total).filter { !acknowledged.contains($0) }
        let again = await Self.post(rest, to: [survivor.url, restarted.url])
        #expect(again.count == rest.count, "every re-post is answered success")
        #expect(survivor.stop(SIGTERM) == 0, "\(survivor.standardError)")
        #expect(restarted.stop(SIGTERM) == 0, "\(restarted.standardError)")

        let stored = try await Self.storedPhones(reader)
        try await reader.close()
        #expect(stored.rows == Self.total, "each receipt exactly once")
        #expect(stored.phones == Set((0..<Self.total).map(Self.phone)))
    }
}
