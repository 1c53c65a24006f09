import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A clock the tests move by hand.
final class MovableDate: Sendable {
    private let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { time.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The waits a client asked for, instead of sleeping.
final class RecordedSleeps: Sendable {
    private let waits = Mutex<[Duration]>([])
    var all: [Duration] { waits.withLock { $0 } }
    func record(_ wait: Duration) { waits.withLock { $0.append(wait) } }
}

@Suite struct SendPulseClientTests {
    static func client(
        _ server: FakeSendPulseServer, clock: MovableDate = MovableDate(), rateLimit: Int = 1000,
        store: any OAuth2TokenStore = InMemoryOAuth2TokenStore(), sleeps: RecordedSleeps = RecordedSleeps()
    ) -> SendPulseClient {
        SendPulseClient(
            baseURL: server.baseURL, transport: HTTPClientTransport(), clientID: server.clientID,
            clientSecret: Secret(server.clientSecret), tokenStore: store, rateLimit: rateLimit,
            now: { clock.now }, sleep: { sleeps.record($0) })
    }

    @Test func theTokenIsReusedAcrossCalls() async throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        let client = Self.client(server)
        _ = try await client.balance()
        _ = try await client.sendSMS(sender: "Shop", phones: ["8613800138000"], body: "hi")
        #expect(server.withState { $0.tokenRequests } == 1)
        #expect(server.withState { $0.requests }.filter { $0.contains("oauth") }.count == 1)
    }

    @Test func theTokenIsRenewedBeforeItExpires() async throws {
        let server = try FakeSendPulseServer(expiresIn: 3600)
        defer { server.stop() }
        let clock = MovableDate()
        let client = Self.client(server, clock: clock)
        _ = try await client.balance()
        clock.advance(3200)  // 400 s left: more than the 300 s margin
        _ = try await client.balance()
        #expect(server.withState { $0.tokenRequests } == 1)
        clock.advance(150)  // 250 s left: renewed before use, not after a 401
        _ = try await client.balance()
        #expect(server.withState { $0.tokenRequests } == 2)
        #expect(server.withState { $0.requests }.allSatisfy { !$0.isEmpty })
    }

    @Test func twentyCallersWithAnExpiredTokenShareOneRenewal() async throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        let clock = MovableDate()
        let client = Self.client(server, clock: clock)
        _ = try await client.balance()
        clock.advance(3600)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { _ = try await client.balance() } }
            try await group.waitForAll()
        }
        #expect(server.withState { $0.tokenRequests } == 2)
    }

    @Test func a401RenewsOnceAndResendsTheSameBody() async throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        let client = Self.client(server)
        _ = try await client.balance()
        server.revokeTokens()
        _ = try await client.sendSMS(sender: "Shop", phones: ["8613800138000", "8613900139000"], body: "春季新品")
        let attempts = server.withState { $0.smsAttempts }
        #expect(attempts.count == 2)
        #expect(attempts[0] == attempts[1])
        #expect(!attempts[1].isEmpty)
        #expect(server.withState { $0.tokenRequests } == 2)
        #expect(server.withState { $0.deliveries } == ["8613800138000": 1, "8613900139000": 1])
    }

    @Test func aSecond401IsAFailureNotALoop() async throws {
        let transport = RecordingTransport(
            responses: .text(200, #"{"access_token":"t1","token_type":"Bearer","expires_in":3600}"#),
            .text(401, #"{"error":"invalid_token","message":"Unauthorized"}"#),
            .text(200, #"{"access_token":"t2","token_type":"Bearer","expires_in":3600}"#),
            .text(401, #"{"error":"invalid_token","message":"Unauthorized"}"#))
        let client = SendPulseClient(
            baseURL: URL(string: "https://sp.test")!, transport: transport, clientID: "c", clientSecret: Secret("s"))
        await #expect {
            _ = try await client.balance()
        } throws: { error in
            (error as? SendPulseError)?.httpStatus == 401 && "\(error)".contains("MMSKIT_SENDPULSE_CLIENT_SECRET")
        }
        #expect(transport.requests.count == 4)
    }

    @Test func aBurstOf100StaysWithin10InAnyOneSecondByTheServersClock() async throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        let client = SendPulseClient(
            baseURL: server.baseURL, transport: HTTPClientTransport(), clientID: server.clientID,
            clientSecret: Secret(server.clientSecret))
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<99 {
                group.addTask {
                    _ = try await client.sendSMS(sender: "Shop", phones: [String(8_613_800_000_000 + index)], body: "x")
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - started
        let arrivals = server.withState { $0.arrivals }.sorted()
        #expect(arrivals.count == 100)  // 1 token request + 99 sends
        var busiest = 0
        for (index, arrival) in arrivals.enumerated() {
            busiest = max(busiest, arrivals[index...].prefix { $0.timeIntervalSince(arrival) < 1 }.count)
        }
        #expect(busiest <= 10, "\(busiest) requests arrived within one second")
        #expect(elapsed >= .seconds(9))  // 90 requests after the first 10, at most 10 a second
        print("SendPulse burst of 100 requests: \(elapsed), busiest second \(busiest)")
    }

    @Test func twoClientsOfOneAPIShareTheProcesssLimit() async throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        let clients = (0..<2).map { _ in
            SendPulseClient(
                baseURL: server.baseURL, transport: HTTPClientTransport(), clientID: server.clientID,
                clientSecret: Secret(server.clientSecret))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<28 {
                group.addTask {
                    _ = try await clients[index % 2].sendSMS(sender: "S", phones: ["8613800138000"], body: "x")
                }
            }
            try await group.waitForAll()
        }
        let arrivals = server.withState { $0.arrivals }.sorted()
        #expect(arrivals.count == 30)  // 2 token requests + 28 sends
        let busiest = arrivals.indices.map { index in
            arrivals[index...].prefix { $0.timeIntervalSince(arrivals[index]) < 1 }.count
        }.max()
        #expect(busiest ?? 0 <= 10)
    }

    @Test func error2020202020IsRetriedWithJitteredBackOff() async throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        let sleeps = RecordedSleeps()
        let client = Self.client(server, sleeps: sleeps)
        _ = try await client.balance()
        server.withState { $0.throttleNext = 2 }
        _ = try await client.sendSMS(sender: "Shop", phones: ["8613800138000"], body: "hi")
        #expect(sleeps.all.count == 2)
        #expect(sleeps.all.allSatisfy { $0 >= .zero && $0 <= RetryPolicy().maximumDelay })
        #expect(server.withState { $0.smsAttempts.count } == 3)
        #expect(server.withState { $0.deliveries["8613800138000"] } == 1)
    }

    @Test func http429IsRetriedAndThenReportedAsNotSent() async throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        let sleeps = RecordedSleeps()
        let client = Self.client(server, sleeps: sleeps)
        _ = try await client.balance()
        server.withState { $0.quotaNext = 1 }
        _ = try await client.balance()
        #expect(sleeps.all.count == 1)
        server.withState { $0.quotaNext = 100 }
        do {
            _ = try await client.sendSMS(sender: "Shop", phones: ["8613800138000"], body: "hi")
            Issue.record("a throttled request was taken for success")
        } catch {
            #expect(error.delivery == .notSent)
            #expect(error.httpStatus == 429)
        }
        #expect(sleeps.all.count == 1 + RetryPolicy().maximumAttempts - 1)
        #expect(server.withState { $0.smsAttempts.count } == RetryPolicy().maximumAttempts)
    }

    @Test(arguments: [
        (707, "Insufficient funds", "balance too low"), (13, "Empty message", "empty message"),
        (904, "Address is blacklisted", "address blacklisted"), (12345, "Something new", nil),
    ])
    func errorCodesAreTypedWithTheMessageVerbatim(code: Int, message: String, meaning: String?) async throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        server.withState { $0.smsError = (code, message) }
        do {
            _ = try await Self.client(server).sendSMS(sender: "Shop", phones: ["8613800138000"], body: "hi")
            Issue.record("an error answer was taken for success")
        } catch {
            #expect(error.code == String(code))
            #expect(error.providerMessage == message)
            #expect(error.meaning == meaning)
            #expect(error.description.contains("\"\(message)\""))
            #expect(error.delivery == .refused)
        }
    }

    @Test func aBadSecretIsAnAuthenticationFailureThatDoesNotShowIt() async throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        let client = SendPulseClient(
            baseURL: server.baseURL, transport: HTTPClientTransport(), clientID: server.clientID,
            clientSecret: Secret("wrong-SECRET-0000"))
        do {
            _ = try await client.balance()
            Issue.record("a refused token was taken for success")
        } catch {
            #expect(error.delivery == .notSent)
            #expect(!error.description.contains("wrong-SECRET-0000"))
            #expect(error.description.contains("Client authentication failed"))
        }
    }
}
