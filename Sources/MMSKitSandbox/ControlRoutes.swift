import Foundation
import Hummingbird
import MMSKit
import MMSKitProviders

/// The control API under `/_sandbox/`; not any provider's API.
///
/// What the sandbox holds (JSON and a read-only HTML page), what a handset or a reviewer would do (a reply, a review
/// decision), and the faults in force.
struct ControlRoutes: Sendable {
    let context: EmulatorContext
    let ihuyi: IhuyiEmulator
    let jpush: JPushEmulator

    /// What `/_sandbox/state` answers.
    struct Report: Encodable, Sendable {
        var accounts: Ledger
        var pushes: PushCourier.Statistics
        /// Pushes waiting or in flight.
        var outstanding: Int
        /// The latest tries, newest last (at most 500 here; the inspector shows the last 200).
        var attempts: [PushAttempt]
        var faults: [FaultRule]
    }

    func report(attemptLimit: Int = 500) async -> Report {
        let attempts = await context.courier.attempts
        return Report(
            accounts: await context.ledger.current, pushes: await context.courier.statistics,
            outstanding: await context.courier.outstanding, attempts: Array(attempts.suffix(attemptLimit)),
            faults: await context.faults.rules)
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/_sandbox/state") { _, _ in ProviderAnswer.json(await report()).response }
        router.get("/_sandbox") { _, _ in html(await report(attemptLimit: 200)) }
        router.get("/_sandbox/faults") { _, _ in ProviderAnswer.json(await context.faults.rules).response }
        router.put("/_sandbox/faults") { request, _ in
            let faults: [FaultRule]
            do {
                faults = try JSONDecoder().decode([FaultRule].self, from: try await EmulatorContext.body(of: request))
            } catch {
                return Self.problem(Self.faultsRefusal(error))
            }
            await context.faults.replace(with: faults)
            return ProviderAnswer.json(faults).response
        }
        router.delete("/_sandbox/faults") { _, _ in
            await context.faults.replace(with: [])
            return ProviderAnswer.json([FaultRule]()).response
        }
        router.post("/_sandbox/simulate/uplink") { request, _ in
            struct Uplink: Decodable {
                var provider: ProviderID?
                var phone: String
                var content: String
                var task_id: String?
            }
            guard let uplink = try? JSONDecoder().decode(Uplink.self, from: try await EmulatorContext.body(of: request))
            else {
                return Self.problem(
                    "send {\"phone\": \"13900000000\", \"content\": \"T\", \"provider\": \"ihuyi\"|\"jpush\", \"task_id\": optional}"
                )
            }
            let queued: Bool
            switch uplink.provider ?? IhuyiEmulator.provider {
            case JPushEmulator.provider:
                let now = Int(Date().timeIntervalSince1970 * 1000)
                var data: [String: Any] = ["phone": uplink.phone, "content": uplink.content, "replyTime": now]
                if let task = uplink.task_id { data["msgId"] = task }
                await jpush.callback(.reply, data)
                queued = context.configuration.callbacks.jpush != nil
            case IhuyiEmulator.provider:
                queued = await ihuyi.simulateUplink(phone: uplink.phone, content: uplink.content, task: uplink.task_id)
            case let other:
                return Self.problem(Self.withoutPushes(other))
            }
            guard queued else {
                return Self.problem("no callback URL for uplinks: start the sandbox with --callback-url")
            }
            return ProviderAnswer.json(["queued": true]).response
        }
        router.post("/_sandbox/simulate/review") { request, _ in
            struct Review: Decodable {
                var provider: ProviderID?
                var template_id: Int
                var approve: Bool
                var message: String?
            }
            guard let review = try? JSONDecoder().decode(Review.self, from: try await EmulatorContext.body(of: request))
            else {
                return Self.problem(
                    "send {\"template_id\": 100001, \"approve\": true|false, \"message\": optional, \"provider\": \"ihuyi\"|\"jpush\"}"
                )
            }
            let found: Bool
            switch review.provider ?? IhuyiEmulator.provider {
            case JPushEmulator.provider:
                found = try await jpush.review(review.template_id, approve: review.approve, reason: review.message)
            case IhuyiEmulator.provider:
                found = try await ihuyi.review(review.template_id, approve: review.approve, message: review.message)
            case let other:
                return Self.problem(Self.withoutPushes(other))
            }
            guard found else {
                return ProviderAnswer.json(["error": "no template \(review.template_id)"], status: .notFound).response
            }
            return ProviderAnswer.json(["reviewed": review.template_id]).response
        }
    }

    /// Why a `PUT /_sandbox/faults` body was refused: the fault (1-based) and the field, or the form expected.
    static func faultsRefusal(_ error: any Error) -> String {
        let example =
            #"[{"provider":"ihuyi","route":"/mms/v1/batchSend","kind":"reset","probability":1,"times":1}]"#
        let context: DecodingError.Context
        var reason: String
        switch error as? DecodingError {
        case .keyNotFound(let key, let found)?:
            context = found
            reason = "\(key.stringValue) is missing"
        case .dataCorrupted(let found)?:
            context = found
            reason = found.debugDescription
        case .typeMismatch(_, let found)?, .valueNotFound(_, let found)?:
            context = found
            reason =
                "\(found.codingPath.last?.stringValue ?? "the value") has the wrong type (\(found.debugDescription))"
        default:
            return "the body must be a JSON array of faults, such as \(example)"
        }
        guard let index = context.codingPath.first?.intValue else {
            return "the body must be a JSON array of faults, such as \(example)"
        }
        if reason.isEmpty { reason = "not a fault object" }
        return "fault \(index + 1): \(reason)"
    }

    /// Why a simulated uplink or review names a provider the sandbox pushes none for.
    static func withoutPushes(_ provider: ProviderID) -> String {
        "provider '\(provider)' pushes no uplinks or reviews in the sandbox: give \(IhuyiEmulator.provider) (the default) or \(JPushEmulator.provider)"
    }

    static func problem(_ text: String) -> Response {
        ProviderAnswer.json(["error": text], status: .badRequest).response
    }

    /// The read-only inspector: balances, templates, tasks and push attempts; every value escaped.
    func html(_ report: Report) -> Response {
        let escape = HTMLEscaping.text
        func table(_ header: [String], _ rows: [[String]]) -> String {
            "<table><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
                + rows.map { "<tr>" + $0.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }.joined() + "</table>"
        }
        let accounts = report.accounts
        let quota = { (value: Int?) in value.map(String.init) ?? "null" }
        var page = """
            <!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>mmskit sandbox</title><style>body{font:14px system-ui,sans-serif;margin:1.5em}
            table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}
            th{background:#f3f3f3}</style></head><body><h1>mmskit sandbox</h1>
            """
        page += "<h2>ihuyi balances</h2>"
        page += table(
            ["product_id", "product_name", "balance"],
            accounts.ihuyi.products.map { [String($0.id), $0.name, String($0.balance)] })
        page += "<h2>ihuyi templates</h2>"
        page += table(
            ["template_id", "title", "sign_name", "review", "message"],
            accounts.ihuyi.templates.sorted { $0.key < $1.key }.map {
                [String($0.key), $0.value.title, $0.value.signName, $0.value.status, $0.value.message ?? ""]
            })
        page += "<h2>JPush quotas</h2>"
        page += table(
            ["", "balance", "voice", "industry", "market"],
            [
                ["app"]
                    + [
                        accounts.jpush.app.balance, accounts.jpush.app.voice, accounts.jpush.app.industry,
                        accounts.jpush.app.market,
                    ].map(quota),
                ["developer"]
                    + [
                        accounts.jpush.developer.balance, accounts.jpush.developer.voice,
                        accounts.jpush.developer.industry, accounts.jpush.developer.market,
                    ].map(quota),
            ])
        page += "<h2>JPush templates</h2>"
        page += table(
            ["temp_id", "type", "status", "text", "refuse reason"],
            accounts.jpush.templates.sorted { $0.key < $1.key }.map {
                [
                    String($0.key), String($0.value.type),
                    ["in review", "approved", "rejected"][min(2, max(0, $0.value.status))], $0.value.text,
                    $0.value.refuseReason ?? "",
                ]
            })
        page += "<h2>itniotech and SendPulse</h2>"
        page += table(
            ["provider", "balance", "details"],
            [
                [
                    ItniotechEmulator.provider.rawValue, accounts.itniotech.balance,
                    "gift \(accounts.itniotech.gift), credit \(accounts.itniotech.credit); records for sandbox-email-1 … sandbox-email-1000",
                ],
                [
                    SendPulseEmulator.provider.rawValue,
                    String(format: "%.2f", Double(accounts.sendPulse.balanceCents) / 100) + " "
                        + accounts.sendPulse.currency,
                    "\(accounts.sendPulse.campaigns.count) SMS campaigns, \(accounts.sendPulse.campaigns.values.reduce(0, +)) numbers; \(accounts.sendPulse.tokensIssued) tokens issued",
                ],
            ])
        page += "<h2>Tasks</h2>"
        page += table(
            ["task", "provider", "recipients", "delivered", "failed by code", "created"],
            accounts.ihuyi.tasks.sorted { $0.value.created < $1.value.created }.map {
                [
                    $0.key, $0.value.provider.rawValue, String($0.value.recipients), String($0.value.delivered),
                    $0.value.failed.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "),
                    EmulatorContext.chinaTime($0.value.created),
                ]
            } + [
                [
                    "JSMS messages", JPushEmulator.provider.rawValue, String(accounts.jpush.tasks.count),
                    String(accounts.jpush.tasks.values.reduce(0) { $0 + $1.delivered }), "", "",
                ]
            ])
        let pushes = report.pushes
        page +=
            "<h2>Pushes</h2><p>\(pushes.queued) queued, \(pushes.accepted) accepted (\(pushes.recordsAccepted) records), \(pushes.retries) retries, \(pushes.abandoned) abandoned, \(report.outstanding) outstanding</p>"
        page += table(
            ["push", "kind", "url", "try", "records", "time", "status", "answer", "result"],
            report.attempts.reversed().map {
                [
                    String($0.push), $0.kind, $0.url, String($0.attempt), String($0.records),
                    EmulatorContext.chinaTime($0.time),
                    $0.status.map(String.init) ?? "-", $0.answer,
                    $0.accepted ? "accepted" : $0.final ? "abandoned" : "will retry",
                ]
            })
        page += "<h2>Faults</h2>"
        page += table(
            ["provider", "route", "kind", "probability", "times"],
            report.faults.map {
                [
                    $0.provider?.rawValue ?? "all", $0.route ?? "*", $0.spelledKind, String($0.probability),
                    $0.times.map(String.init) ?? "-",
                ]
            })
        page += "</body></html>\n"
        return ProviderAnswer.raw(Data(page.utf8), contentType: "text/html; charset=utf-8").response
    }
}
