import Foundation
import MMSKit
import MMSKitProviders
import MMSKitSandbox
import MMSKitTestSupport
import Testing

/// The sandbox's itniotech and SendPulse, driven by mmskit's own clients (and raw requests where the clients
/// refuse to send what the sandbox must refuse).
@Suite struct ItniotechAndSendPulseSandboxTests {
    static let itniotech = AcceptedCredentials.standardItniotech
    static let sendPulse = AcceptedCredentials.standardSendPulse

    static func itniotechClient(
        _ sandbox: RunningSandbox, secret: String? = nil, now: @escaping @Sendable () -> Date = { Date() }
    )
        -> ItniotechClient
    {
        ItniotechClient(
            baseURL: sandbox.url, transport: HTTPClientTransport(), apiKey: itniotech.apiKey,
            apiSecret: secret.map(Secret.init) ?? itniotech.apiSecret, now: now)
    }

    static func sendPulseClient(_ sandbox: RunningSandbox) -> SendPulseClient {
        SendPulseClient(
            baseURL: sandbox.url, transport: HTTPClientTransport(), clientID: sendPulse.clientID,
            clientSecret: sendPulse.clientSecret)
    }

    @Test func itniotechRecordsAreMergedAcrossQueriesOf200() async throws {
        let sandbox = try await RunningSandbox.start()
        let ids = (1...300).map { "sandbox-email-\($0)" } + ["nobody-1", "nobody-2"]
        let records = try await Self.itniotechClient(sandbox).records(appID: Self.itniotech.appID, ids: ids)
        #expect(records.records.count == 300)
        #expect(records.records.map(\.emailID) == Array(ids.prefix(300)))
        #expect(records.notFound == ["nobody-1", "nobody-2"])
        #expect(records.success + records.fail + records.sending == 300)
        #expect(records.success > 200 && records.fail > 0 && records.sending > 0)
        let balance = try await Self.itniotechClient(sandbox).balance()
        #expect("\(balance)".contains("1000"))
        try await sandbox.stop()
    }

    @Test func itniotechRefusesWhatTheServiceRefuses() async throws {
        let sandbox = try await RunningSandbox.start()
        do {
            _ = try await Self.itniotechClient(sandbox, secret: "wrong").balance()
            Issue.record("a wrong secret was accepted")
        } catch {
            #expect(error.description.contains("-16") || error.description.contains("-1"))
        }
        do {
            _ = try await Self.itniotechClient(sandbox, now: { Date().addingTimeInterval(-900) }).records(
                appID: Self.itniotech.appID, ids: ["sandbox-email-1"])
            Issue.record("a stale timestamp was accepted")
        } catch {
            #expect(error.description.contains("-6"))
        }
        do {
            _ = try await Self.itniotechClient(sandbox).records(appID: "someone-else", ids: ["sandbox-email-1"])
            Issue.record("an unknown appId was accepted")
        } catch {
            #expect(error.description.contains("-5"))
        }
        // 201 ids in one query: the client never does it, the sandbox refuses it with -28.
        let timestamp = String(Int(Date().timeIntervalSince1970))
        let sign = FakeItniotechServer.sign(
            apiKey: Self.itniotech.apiKey, apiSecret: Self.itniotech.apiSecret.exposedValue, timestamp: timestamp)
        let body = try JSONSerialization.data(withJSONObject: [
            "appId": Self.itniotech.appID, "emailId": (1...201).map { "sandbox-email-\($0)" }.joined(separator: ","),
        ])
        let response = try await HTTPClientTransport().send(
            HTTPRequest(
                method: .post, url: sandbox.url.appendingPathComponent("email/getSendEmailRcd"),
                headers: [
                    "Api-Key": Self.itniotech.apiKey, "Timestamp": timestamp, "Sign": sign.uppercased(),
                    "Content-Type": "application/json;charset=UTF-8",
                ], body: body))
        let answer = try JSONSerialization.jsonObject(with: response.body) as? [String: String]
        #expect(answer?["status"] == "-28")
        try await sandbox.stop()
    }

    @Test func sendPulseTokensBalanceAndSMS() async throws {
        let sandbox = try await RunningSandbox.start()
        let client = Self.sendPulseClient(sandbox)
        _ = try await client.balance()
        let sent = try await client.sendSMS(sender: "mmskit", phones: ["8613900000001", "8613900000002"], body: "hi")
        #expect("\(sent)".contains("true"))
        let accounts = await sandbox.server.ledger
        #expect(accounts.sendPulse.tokensIssued == 1)
        #expect(accounts.sendPulse.campaigns.values.reduce(0, +) == 2)
        #expect(accounts.sendPulse.balanceCents == 1_000_000 - 2 * 2)
        do {
            _ = try await client.sendSMS(sender: "mmskit", phones: ["8613900000001"], body: "")
            Issue.record("an empty message was accepted")
        } catch {
            #expect(error.description.contains("13"))
        }
        try await sandbox.stop()
    }

    @Test func anExpiredTokenIsAnswered401AndRenewedOnce() async throws {
        let sandbox = try await RunningSandbox.start(
            SandboxServer.Configuration(faults: [
                try FaultRule(provider: "sendpulse", route: "/balance", kind: .tokenExpiry, times: 1)
            ]))
        let client = Self.sendPulseClient(sandbox)
        _ = try await client.balance()
        #expect(await sandbox.server.ledger.sendPulse.tokensIssued == 2)
        try await sandbox.stop()
    }

    @Test func moreThan10RequestsInASecondGet2020202020() async throws {
        let sandbox = try await RunningSandbox.start()
        let token = try await HTTPClientTransport().send(
            HTTPRequest(
                method: .post, url: sandbox.url.appendingPathComponent("oauth/access_token"),
                headers: ["Content-Type": "application/json"],
                body: try JSONSerialization.data(withJSONObject: [
                    "grant_type": "client_credentials", "client_id": Self.sendPulse.clientID,
                    "client_secret": Self.sendPulse.clientSecret.exposedValue,
                ])))
        let accessToken = try #require(
            (try JSONSerialization.jsonObject(with: token.body) as? [String: Any])?["access_token"] as? String)
        let request = HTTPRequest(
            method: .get, url: sandbox.url.appendingPathComponent("balance"),
            headers: ["Authorization": "Bearer \(accessToken)"])
        let start = ContinuousClock.now
        let answers = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for _ in 0..<30 { group.addTask { try await HTTPClientTransport().send(request) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // At most 10 in any second: the 30 arrive within `elapsed`, so at most 10 per second they spanned are
        // admitted (all 30 at once on a quiet machine: exactly 10; a loaded one may spread them over seconds).
        let seconds = Int(start.duration(to: .now).components.seconds) + 1
        let admitted = answers.filter { $0.status == 200 && !SendPulseClient.isThrottled($0) }.count
        let throttled = answers.filter { SendPulseClient.isThrottled($0) }.count
        #expect(admitted + throttled == 30)
        #expect(admitted >= 10 && admitted <= 10 * seconds, "\(admitted) of 30 admitted within \(seconds) s")
        let expired = try await HTTPClientTransport().send(
            HTTPRequest(method: .get, url: request.url, headers: ["Authorization": "Bearer not-a-token"]))
        #expect(expired.status == 401)
        try await sandbox.stop()
    }
}
