import Foundation
import MMSKitTestSupport
import Synchronization
import Testing

/// `balance` for every provider, the built binary against servers on 127.0.0.1: answers that never end or are
/// too large, numbers of any size, and the table's one number format.
@Suite struct BalanceCommandTests {
    static let providers = ["ihuyi", "jpush", "itniotech", "sendpulse"]

    /// Credentials for `provider` (any will do for a server that checks none), and a HOME of its own.
    static func environment(_ provider: String, home: String) -> [String: String] {
        let credentials: [String: String] =
            switch provider {
            case "ihuyi": ["MMSKIT_IHUYI_API_ID": "C1234567", "MMSKIT_IHUYI_API_KEY": "ihuyi-key"]
            case "jpush": ["MMSKIT_JPUSH_APP_KEY": "app-key-1", "MMSKIT_JPUSH_MASTER_SECRET": "master-secret"]
            case "itniotech": ["MMSKIT_ITNIOTECH_API_KEY": "itn-key", "MMSKIT_ITNIOTECH_API_SECRET": "itn-secret"]
            default: ["MMSKIT_SENDPULSE_CLIENT_ID": "sp-client", "MMSKIT_SENDPULSE_CLIENT_SECRET": "sp-secret"]
            }
        return credentials.merging([
            "HOME": home, "XDG_CONFIG_HOME": "\(home)/.config", "XDG_CACHE_HOME": "\(home)/.cache",
        ]) { $1 }
    }

    /// `balance` of `provider` against a server whose answer never ends, and the server's URL.
    static func balance(
        _ provider: String, endless: LocalHTTPServer.EndlessBody, timeout: String
    ) async throws -> (
        result: CLIRunner.Result, baseURL: URL
    ) {
        let server = try LocalHTTPServer { _ in LocalHTTPServer.Response(endless: endless) }
        defer { server.stop() }
        let home = try TemporaryDirectory()
        let result = try await CLIRunner.runDetached(
            ["balance", "--provider", provider, "--base-url", server.baseURL.absoluteString, "--timeout", timeout],
            environment: environment(provider, home: home.path), timeLimit: 120)
        return (result, server.baseURL)
    }

    @Test(arguments: providers)
    func anEndlessAnswerStopsAtTheLimit(provider: String) async throws {
        let endless = LocalHTTPServer.EndlessBody()
        let (result, baseURL) = try await Self.balance(provider, endless: endless, timeout: "600")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("the answer was too large"), "\(result.stderr)")
        #expect(result.stderr.contains("answered HTTP 200 with more than 8 MiB"), "\(result.stderr)")
        #expect(result.stderr.contains(baseURL.absoluteString + "/"), "names the endpoint: \(result.stderr)")
        #expect(endless.written.count < 8 << 20 + 32 << 20, "\(endless.written.count) bytes were taken")
    }

    @Test(arguments: providers)
    func anEndlessTricklingAnswerStopsAtTheTimeout(provider: String) async throws {
        let endless = LocalHTTPServer.EndlessBody(chunk: Data(" ".utf8), pause: .milliseconds(20))
        let (result, _) = try await Self.balance(provider, endless: endless, timeout: "2")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("timed out: 127.0.0.1 did not answer completely within 2 s"), "\(result.stderr)")
    }

    /// A provider server answering `balance` with `answer` (raw JSON where the provider's own JSON goes), and
    /// the environment that reaches it.
    final class BalanceServer {
        let provider: String
        let environment: [String: String]
        private let home: TemporaryDirectory
        private let stop: () -> Void

        init(_ provider: String, answer: String) throws {
            self.provider = provider
            home = try TemporaryDirectory()
            // The server's credentials (MMSKIT_<PROVIDER>_<KEY>) and where it listens.
            let credentials: [String: String]
            let baseURL: URL
            switch provider {
            case "ihuyi":
                let server = try FakeIhuyiServer()
                server.withState { $0.balanceData = answer }
                (credentials, baseURL, stop) = (
                    ["API_ID": server.apiID, "API_KEY": server.apiKey], server.baseURL, server.stop
                )
            case "jpush":
                let server = try LocalHTTPServer { _ in LocalHTTPServer.Response(body: Data(answer.utf8)) }
                (credentials, baseURL, stop) = ([:], server.baseURL, server.stop)
            case "itniotech":
                let server = try FakeItniotechServer()
                server.withState { $0.balanceAnswer = answer }
                (credentials, baseURL, stop) = (
                    ["API_KEY": server.apiKey, "API_SECRET": server.apiSecret], server.baseURL, server.stop
                )
            default:
                // The /balance answer, then (after a newline) the /user/balance/detail answer.
                let server = try FakeSendPulseServer()
                let parts = answer.components(separatedBy: "\n")
                server.withState {
                    $0.balanceAnswer = parts[0]
                    if parts.count > 1 { $0.detailAnswer = parts[1] }
                }
                (credentials, baseURL, stop) = (
                    ["CLIENT_ID": server.clientID, "CLIENT_SECRET": server.clientSecret], server.baseURL, server.stop
                )
            }
            let prefix = "MMSKIT_\(provider.uppercased())_"
            var environment = BalanceCommandTests.environment(provider, home: home.path)
            for (key, value) in credentials { environment[prefix + key] = value }
            environment[prefix + "BASE_URL"] = baseURL.absoluteString
            self.environment = environment
        }

        func balance(_ extra: [String] = []) throws -> CLIRunner.Result {
            try CLIRunner.run(["balance", "--provider", provider] + extra, environment: environment, timeLimit: 120)
        }

        deinit {
            stop()
        }
    }

    /// `provider`'s balance answer with `number` (JSON text) where its balance goes.
    static func answer(_ provider: String, number: String) -> String {
        switch provider {
        case "ihuyi": #"[{"product_id": 1018, "product_name": "p", "balance": \#(number)}]"#
        case "jpush": #"{"app_balance": \#(number), "app_voice": 1}"#
        case "itniotech": #"{"status": "0", "reason": "success", "balance": "\#(number)", "gift": "0", "credit": "0"}"#
        default: #"{"currency": "USD", "balance_currency": \#(number)}"#
        }
    }

    @Test(arguments: providers, ["1e19", "-1e19", "1e300", "10000000000000000000"])
    func aHugeNumberPrintsOrIsNamed(provider: String, number: String) throws {
        let server = try BalanceServer(provider, answer: Self.answer(provider, number: number))
        let result = try server.balance()
        if provider == "jpush" {
            // A quota is a count of messages: a number no Int holds is an error naming the field.
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains(".app_balance is invalid ("), "\(result.stderr)")
            #expect(result.stderr.contains("is not a whole number of messages"), "\(result.stderr)")
        } else {
            #expect(result.status == 0, "\(result.stderr)")
            let shown = "\(Double(number)!)"  // 1e+19, -1e+19, 1e+300
            #expect(
                result.stdoutText.split(whereSeparator: \.isWhitespace).contains { $0 == shown }, "\(result.stdoutText)"
            )
            let json = try server.balance(["--json"])
            #expect(json.status == 0, "\(json.stderr)")
            #expect(json.stdoutText.contains("\" : \(shown)"), "raw numbers only: \(json.stdoutText)")
        }
    }

    @Test(arguments: [
        ("ihuyi", #""nan""#, #"ihuyi balance answered HTTP 200 with product 1018's balance is "nan", not a number"#),
        ("ihuyi", #""inf""#, #"ihuyi balance answered HTTP 200 with product 1018's balance is "inf", not a number"#),
        ("ihuyi", "1e400", "ihuyi balance answered HTTP 200 with a body that is not a JSON object"),
        ("jpush", "1e400", "JPush GET /v1/accounts/app answered HTTP 200 with"),
        ("itniotech", "nan", #"itniotech sms/getBalance answered with balance = "nan""#),
        ("itniotech", "-inf", #"itniotech sms/getBalance answered with balance = "-inf""#),
        ("itniotech", "1e400", #"itniotech sms/getBalance answered with balance = "1e400""#),
        ("sendpulse", "1e400", "SendPulse balance answered HTTP 200 with a body that is not JSON"),
    ])
    func aNumberThatIsNotFiniteIsAClearError(provider: String, number: String, message: String) throws {
        let result = try BalanceServer(provider, answer: Self.answer(provider, number: number)).balance()
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// Each provider's answer with integers, decimals (from numbers and from strings), negatives and unallocated
    /// quotas, and the table and JSON the command prints for it: one grouping for every number of the table,
    /// raw numbers in the JSON.
    static let goldens: [(provider: String, answer: String, table: String, json: String)] = [
        (
            "ihuyi",
            #"[{"product_id": 1018, "product_name": "营销彩信-房产类", "balance": 188888}, {"product_id": 1019, "product_name": "notice", "balance": "1234.5"}, {"product_id": 1020, "product_name": "x", "balance": -0.125}]"#,
            """
            PRODUCT_ID  PRODUCT           BALANCE
                  1018  营销彩信-房产类   188,888
                  1019  notice           1,234.50
                  1020  x                  -0.125

            """,
            """
            [
              {
                "balance" : 188888,
                "product_id" : 1018,
                "product_name" : "营销彩信-房产类"
              },
              {
                "balance" : 1234.5,
                "product_id" : 1019,
                "product_name" : "notice"
              },
              {
                "balance" : -0.125,
                "product_id" : 1020,
                "product_name" : "x"
              }
            ]

            """
        ),
        (
            "jpush",
            #"{"app_balance": 100000, "app_voice": null, "app_industry": -5, "app_market": 1234567}"#,
            """
            QUOTA             REMAINING
            app_balance         100,000
            app_voice     not allocated
            app_industry             -5
            app_market        1,234,567

            """,
            """
            {
              "app_balance" : 100000,
              "app_industry" : -5,
              "app_market" : 1234567,
              "app_voice" : null
            }

            """
        ),
        (
            "itniotech",
            #"{"status": "0", "reason": "success", "balance": "10000.00", "gift": "0.5", "credit": "-1234567.891"}"#,
            """
            BALANCE  GIFT          CREDIT
             10,000  0.50  -1,234,567.891

            """,
            """
            {
              "balance" : 10000,
              "credit" : -1234567.891,
              "gift" : 0.5
            }

            """
        ),
        (
            "sendpulse",
            #"{"currency": "USD", "balance_currency": 10000}"# + "\n"
                + #"{"balance": {"main": "10000.00", "bonus": "0.50", "currency": "USD"}, "sms": {"count": 500000}}"#,
            """
            FIELD                      VALUE
            balance_currency          10,000
            currency                     USD
            detail.balance.bonus        0.50
            detail.balance.currency      USD
            detail.balance.main       10,000
            detail.sms.count         500,000

            """,
            """
            {
              "balance" : {
                "balance_currency" : 10000,
                "currency" : "USD"
              },
              "detail" : {
                "balance" : {
                  "bonus" : "0.50",
                  "currency" : "USD",
                  "main" : "10000.00"
                },
                "sms" : {
                  "count" : 500000
                }
              }
            }

            """
        ),
    ]

    @Test(arguments: goldens)
    func theTableGroupsEveryNumberAlikeAndTheJSONKeepsThemRaw(
        provider: String, answer: String, table: String, json: String
    ) throws {
        let server = try BalanceServer(provider, answer: answer)
        let text = try server.balance()
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdoutText == table)
        let raw = try server.balance(["--json"])
        #expect(raw.status == 0, "\(raw.stderr)")
        #expect(raw.stdoutText == json)
    }
}

/// The provider commands go through the proxy the environment names (`https_proxy`, `http_proxy`, `no_proxy`), as
/// curl does; a proxy variable they cannot use is a clear error that never shows its value.
@Suite struct ProxyCommandTests {
    /// `balance --provider ihuyi --base-url URL` with these variables added to its environment.
    static func balance(_ url: String, _ variables: [String: String]) throws -> CLIRunner.Result {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        return try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", url],
            environment: BalanceCommandTests.environment("ihuyi", home: home.path).merging(variables) { $1 },
            timeLimit: 60)
    }

    @Test func balanceGoesThroughTheProxy() throws {
        let seen = Mutex<[String]>([])
        let proxy = try LocalHTTPServer { request in
            seen.withLock { $0.append("\(request.method) \(request.path)") }
            return .json([
                "code": "OK", "message": "ok", "data": [["product_id": 1001, "product_name": "通用", "balance": 42]],
            ])
        }
        defer { proxy.stop() }
        let result = try Self.balance("http://ihuyi.invalid", ["http_proxy": "http://127.0.0.1:\(proxy.port)"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("42"), "\(result.stdoutText)")
        #expect(seen.withLock { $0 } == ["CONNECT ihuyi.invalid:80", "POST /mms/v1/balance"])
    }

    @Test func anUnusableProxyVariableIsNamedWithoutItsValue() throws {
        let result = try Self.balance("https://ihuyi.invalid", ["HTTPS_PROXY": "gopher://me:hunter2@proxy.corp"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("HTTPS_PROXY cannot be used"), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2") && !result.stdoutText.contains("hunter2"))
    }
}
