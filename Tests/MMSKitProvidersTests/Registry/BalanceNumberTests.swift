import Foundation
import MMSKit
import MMSKitTestSupport
import Testing

@testable import MMSKitProviders

/// Every provider's balance with numbers of any size through its parser: a number is kept as sent (huge,
/// negative, fractional) or is an error that names the field, never a crash, a made-up 0 or a wrapped-around id.
@Suite struct BalanceNumberTests {
    static let base = URL(string: "https://provider.test")!

    static func connection<P: Provider>(
        _ type: P.Type, _ values: [String: String], answers: [HTTPResponse]
    )
        -> ProviderConnection
    {
        ProviderConnection(
            credentials: ProviderCredentials(provider: P.providerDescription, values: values), baseURL: base,
            transport: RecordingTransport(answers.map { .success($0) }))
    }

    static func ihuyi(_ data: String) async throws -> BalanceReport {
        let connection = connection(
            IhuyiProvider.self, ["api_id": "C1", "api_key": "k"],
            answers: [.text(200, #"{"code":"OK","message":"ok","data":\#(data)}"#)])
        return try await IhuyiProvider(connection: connection).balance(of: .main)
    }

    static func jpush(_ body: String) async throws -> BalanceReport {
        let connection = connection(
            JPushProvider.self, ["app_key": "a", "master_secret": "s"], answers: [.text(200, body)])
        return try await JPushProvider(connection: connection).balance(of: .main)
    }

    static func itniotech(_ balance: String) async throws -> BalanceReport {
        let body = #"{"status":"0","reason":"success","balance":\#(balance),"gift":"0","credit":"-12.5"}"#
        let connection = connection(
            ItniotechProvider.self, ["api_key": "k", "api_secret": "s"], answers: [.text(200, body)])
        return try await ItniotechProvider(connection: connection).balance(of: .main)
    }

    static func sendPulse(_ balance: String) async throws -> BalanceReport {
        let connection = connection(
            SendPulseProvider.self, ["client_id": "c", "client_secret": "s", "token_cache": "off"],
            answers: [
                .text(200, #"{"access_token":"t","token_type":"Bearer","expires_in":3600}"#),
                .text(200, #"{"currency":"USD","balance_currency":\#(balance)}"#),
                .text(200, #"{"balance":{"main":"10000.00","bonus":"abc"}}"#),
            ])
        return try await SendPulseProvider(connection: connection).balance(of: .main)
    }

    static let numbers: [(json: String, value: Double)] = [
        ("1e19", 1e19), ("-1e19", -1e19), ("1e300", 1e300), ("-1e300", -1e300), ("10000000000000000000", 1e19),
        ("12.345", 12.345), ("-0.5", -0.5), ("0", 0), ("188888", 188_888),
    ]

    @Test(arguments: numbers)
    func ihuyiKeepsAnyFiniteBalance(json: String, value: Double) async throws {
        for balance in [json, "\"\(json)\""] {
            let report = try await Self.ihuyi(#"[{"product_id":1018,"product_name":"p","balance":\#(balance)}]"#)
            #expect(report.rows == [[.text("1018"), .text("p"), .amount(value)]], "\(balance)")
        }
    }

    @Test(arguments: [
        (#""nan""#, #"product 1018's balance is "nan", not a number"#),
        (#""inf""#, #"product 1018's balance is "inf", not a number"#),
        (#""1e400""#, #"product 1018's balance is "1e400", not a number"#),
        (#""12 yuan""#, #"product 1018's balance is "12 yuan", not a number"#),
        ("null", "product 1018's balance is null, not a number"),
        ("true", "product 1018's balance is true, not a number"),
    ])
    func ihuyiRefusesABalanceThatIsNotANumber(balance: String, reason: String) async throws {
        await #expect(throws: IhuyiError.self) {
            try await Self.ihuyi(#"[{"product_id":1018,"product_name":"p","balance":\#(balance)}]"#)
        }
        do {
            _ = try await Self.ihuyi(#"[{"product_id":1018,"product_name":"p","balance":\#(balance)}]"#)
        } catch let error as IhuyiError {
            #expect(error.description.contains(reason), "\(error)")
        }
    }

    @Test(arguments: ["1e19", "-1e19", "1.5", "10000000000000000000", #""x""#])
    func ihuyiRefusesAProductIDThatIsNotAWholeNumber(id: String) async throws {
        do {
            let report = try await Self.ihuyi(#"[{"product_id":\#(id),"product_name":"p","balance":1}]"#)
            Issue.record("read as \(report.rows)")
        } catch let error as IhuyiError {
            #expect(error.description.contains("product 1's product_id is"), "\(error)")
            #expect(error.description.contains("not a whole number"), "\(error)")
        }
    }

    @Test func jpushKeepsAnyWholeQuota() async throws {
        let report = try await Self.jpush(
            #"{"app_balance":9223372036854775807,"app_voice":-5,"app_industry":null,"app_market":0}"#)
        #expect(report.rows.map { $0[1] } == [.quota(Int.max), .quota(-5), .quota(nil), .quota(0)])
    }

    @Test(arguments: ["1e19", "-1e19", "1e300", "1.5", "10000000000000000000"])
    func jpushNamesAQuotaThatIsNotAWholeNumber(quota: String) async throws {
        do {
            let report = try await Self.jpush(#"{"app_balance":\#(quota)}"#)
            Issue.record("read as \(report.rows)")
        } catch let error as JPushError {
            #expect(error.description.contains(".app_balance is invalid"), "\(error)")
            #expect(error.description.contains("is not a whole number of messages"), "\(error)")
        }
    }

    @Test(arguments: numbers)
    func itniotechKeepsAnyFiniteAmount(json: String, value: Double) async throws {
        let report = try await Self.itniotech("\"\(json)\"")
        #expect(report.rows == [[.amount(value), .amount(0), .amount(-12.5)]])
    }

    @Test(arguments: ["nan", "inf", "-inf", "1e400", "12 USD"])
    func itniotechNamesAnAmountThatIsNotANumber(balance: String) async throws {
        do {
            let report = try await Self.itniotech("\"\(balance)\"")
            Issue.record("read as \(report.rows)")
        } catch let error as ItniotechError {
            #expect(error.description.contains("balance = \"\(balance)\""), "\(error)")
        }
    }

    @Test(arguments: numbers)
    func sendPulseKeepsAnyFiniteNumberAndReadsNumeralStringsAsAmounts(json: String, value: Double) async throws {
        let report = try await Self.sendPulse(json)
        #expect(
            report.rows == [
                [.text("balance_currency"), .amount(value)], [.text("currency"), .text("USD")],
                [.text("detail.balance.bonus"), .text("abc")], [.text("detail.balance.main"), .amount(10_000)],
            ])
    }

    @Test func sendPulseRefusesANumberJSONCannotHold() async throws {
        do {
            let report = try await Self.sendPulse("1e400")
            Issue.record("read as \(report.rows)")
        } catch let error as SendPulseError {
            #expect(error.description.contains("a body that is not JSON"), "\(error)")
        }
    }
}
