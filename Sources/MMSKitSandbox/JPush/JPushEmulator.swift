import Foundation
import Hummingbird
import MMSKit
import MMSKitProviders

/// JPush JSMS played by the sandbox; not mmskit's JPush client (`JPushClient`).
///
/// As its REST reference describes it: HTTP Basic with the app credentials (the developer ones for the account
/// balance), quotas with nulls for what was never allocated, templates with review states, batches of at most
/// 1000 recipients, error bodies `{"error":{"code","message"}}` from the code table, and signed form callbacks
/// for reports and template reviews.
struct JPushEmulator: Sendable {
    let context: EmulatorContext

    static let provider: ProviderID = .jpush
    static let maximumRecipients = 1000
    static let maximumTemplateLength = 500

    func register(on router: Router<BasicRequestContext>) {
        router.get("/v1/accounts/app") { request, _ in
            try await handle(request) { _ in
                .json(QuotaBody(prefix: "app", quotas: await context.ledger.current.jpush.app))
            }
        }
        router.get("/v1/accounts/dev") { request, _ in
            try await handle(request, developer: true) { _ in
                .json(QuotaBody(prefix: "dev", quotas: await context.ledger.current.jpush.developer))
            }
        }
        router.post("/v1/templates") { request, _ in
            try await handle(request) { body in try await createTemplate(body) }
        }
        router.get("/v1/templates/:id") { request, context in
            let id = context.parameters.get("id", as: Int.self)
            return try await handle(request) { _ in await showTemplate(id) }
        }
        router.put("/v1/templates/:id") { request, context in
            let id = context.parameters.get("id", as: Int.self)
            return try await handle(request) { body in try await updateTemplate(id, body) }
        }
        router.delete("/v1/templates/:id") { request, context in
            let id = context.parameters.get("id", as: Int.self)
            return try await handle(request) { _ in try await deleteTemplate(id) }
        }
        router.post("/v1/messages/batch") { request, _ in
            try await handle(request) { body in try await sendBatch(body) }
        }
        router.post("/v1/messages") { request, _ in
            try await handle(request) { body in try await sendOne(body) }
        }
    }

    /// A quota answer: `{prefix}_balance`, `_voice`, `_industry`, `_market` (app_… or dev_…), with nulls kept,
    /// because null is the API's way to say "not allocated".
    struct QuotaBody: Encodable {
        var prefix: String
        var quotas: Ledger.JPushAccount.Quotas

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(quotas.balance, forKey: Key(stringValue: "\(prefix)_balance"))
            try container.encode(quotas.voice, forKey: Key(stringValue: "\(prefix)_voice"))
            try container.encode(quotas.industry, forKey: Key(stringValue: "\(prefix)_industry"))
            try container.encode(quotas.market, forKey: Key(stringValue: "\(prefix)_market"))
        }
    }

    static func error(_ code: Int, _ message: String, status: HTTPResponse.Status = .badRequest) -> ProviderAnswer {
        .json(JPushClient.ErrorEnvelope(code: code, message: message), status: status)
    }

    @Sendable static func refusal(_ status: HTTPResponse.Status) -> ProviderAnswer {
        status == .tooManyRequests
            ? error(50009, "frequency limit", status: status) : error(50019, "server busy", status: status)
    }

    /// Checks HTTP Basic (app credentials, or developer ones), then runs `body` with the request body.
    private func handle(
        _ request: Request, developer: Bool = false, _ body: @escaping (Data) async throws -> ProviderAnswer
    ) async throws -> Response {
        try await context.answer(Self.provider, request, refusal: Self.refusal) { _ in
            let accounts = context.configuration.accounts
            let expected =
                developer
                ? "\(accounts.jpushDeveloper.devKey):\(accounts.jpushDeveloper.devSecret.exposedValue)"
                : "\(accounts.jpush.appKey):\(accounts.jpush.masterSecret.exposedValue)"
            guard let header = request.headers[.authorization], header.hasPrefix("Basic ") else {
                return Self.error(50001, "auth missing", status: .unauthorized)
            }
            let given = Data(base64Encoded: String(header.dropFirst(6))).map { String(decoding: $0, as: UTF8.self) }
            guard given == expected else {
                return Self.error(
                    50002, developer ? "auth failed (the account balance needs dev_key:dev_secret)" : "auth failed",
                    status: .unauthorized)
            }
            return try await body(try await EmulatorContext.body(of: request))
        }
    }

    private struct Draft: Decodable {
        var template: String?
        var type: Int?
        var ttl: Int?
        var remark: String?
    }

    /// The reasons the real service refuses a template at once (before the review).
    private static func check(_ draft: Draft) -> ProviderAnswer? {
        guard let text = draft.template, !text.isEmpty else { return error(50004, "template is required") }
        guard let type = draft.type, (1...3).contains(type) else { return error(50025, "type must be 1, 2 or 3") }
        guard text.count <= maximumTemplateLength else {
            return error(50038, "the template is longer than \(maximumTemplateLength) characters")
        }
        if text.contains("【") || text.contains("】") { return error(50052, "【】 is not allowed in the template") }
        if type == 1 {
            guard let ttl = draft.ttl, ttl > 0, ttl <= 86_400 else {
                return error(50040, "a verification-code template needs 0 < ttl <= 86400")
            }
            let variables = Self.variables(in: text)
            guard variables == ["code"] else {
                return error(50043, "a verification-code template has only the variable {{code}}")
            }
        }
        if Self.variables(in: text).contains(where: { $0.lowercased().contains("url") && $0 != "url" }) {
            return error(50044, "a link variable must be named url")
        }
        return nil
    }

    static func variables(in text: String) -> Set<String> {
        Set(text.matches(of: /\{\{([A-Za-z0-9_]+)\}\}/).map { String($0.output.1) })
    }

    private func createTemplate(_ body: Data) async throws -> ProviderAnswer {
        guard let draft = try? JSONDecoder().decode(Draft.self, from: body) else {
            return Self.error(50007, "invalid body: not a template JSON object")
        }
        if let refusal = Self.check(draft) { return refusal }
        let id = try await context.ledger.change { snapshot -> Int in
            let id = snapshot.takeID()
            snapshot.jpush.templates[id] = .init(
                text: draft.template ?? "", type: draft.type ?? 2, ttl: draft.ttl, remark: draft.remark, status: 0,
                refuseReason: nil)
            return id
        }
        scheduleReview(id)
        return .json(JPushClient.TemplateID(id: id))
    }

    private func scheduleReview(_ id: Int) {
        let context = self.context
        Task {
            try? await Task.sleep(for: context.configuration.scaled(context.configuration.reviewDelay))
            _ = try? await JPushEmulator(context: context).review(id, approve: nil, reason: nil)
        }
    }

    /// Words the sandbox's review rejects, standing in for a carrier's judgement (documented in MMSKitSandbox.docc/EmulatedProviders.md).
    static let rejectedWords = ["违规", "赌", "reject-me"]

    /// Ends a template's review (approve nil: rejected when the text holds a rejected word; a review that already
    /// ended is left alone) and pushes an SMS_TEMPLATE callback. False for an unknown template.
    func review(_ id: Int, approve: Bool?, reason: String?) async throws -> Bool {
        let result = try await context.ledger.change { snapshot -> (status: Int, reason: String?)? in
            guard var template = snapshot.jpush.templates[id] else { return nil }
            if approve == nil && template.status != 0 { return nil }
            let word = Self.rejectedWords.first { template.text.contains($0) }
            let approved = approve ?? (word == nil)
            template.status = approved ? 1 : 2
            template.refuseReason = approved ? nil : reason ?? word.map { "the template contains \($0)" } ?? "rejected"
            snapshot.jpush.templates[id] = template
            return (template.status, template.refuseReason)
        }
        guard let result else { return await context.ledger.current.jpush.templates[id] != nil }
        var data: [String: Any] = ["tempId": id, "status": result.status]
        if let reason = result.reason { data["refuseReason"] = reason }
        await callback(.template, data)
        return true
    }

    private func showTemplate(_ id: Int?) async -> ProviderAnswer {
        guard let id, let template = await context.ledger.current.jpush.templates[id] else {
            return Self.error(50013, "invalid temp_id")
        }
        return .json(
            JPushClient.TemplateBody(
                id: id, text: template.text, type: template.type, ttl: template.ttl, remark: template.remark,
                status: JPushTemplateStatus(rawValue: template.status)))
    }

    private func updateTemplate(_ id: Int?, _ body: Data) async throws -> ProviderAnswer {
        guard let id, let template = await context.ledger.current.jpush.templates[id] else {
            return Self.error(50013, "invalid temp_id")
        }
        guard template.status == 2 else { return Self.error(50047, "only a rejected template can be modified") }
        guard let draft = try? JSONDecoder().decode(Draft.self, from: body) else {
            return Self.error(50007, "invalid body: not a template JSON object")
        }
        if let refusal = Self.check(draft) { return refusal }
        try await context.ledger.change { snapshot in
            snapshot.jpush.templates[id] = .init(
                text: draft.template ?? "", type: draft.type ?? 2, ttl: draft.ttl, remark: draft.remark, status: 0,
                refuseReason: nil)
        }
        scheduleReview(id)
        return .json(JPushClient.TemplateID(id: id))
    }

    private func deleteTemplate(_ id: Int?) async throws -> ProviderAnswer {
        let removed = try await context.ledger.change { snapshot -> Bool in
            guard let id, snapshot.jpush.templates[id] != nil else { return false }
            snapshot.jpush.templates[id] = nil
            return true
        }
        return removed ? .raw(Data(), contentType: "application/json") : Self.error(50013, "invalid temp_id")
    }

    /// The template a send names, or the refusal: unknown 50013, in review 50020, rejected 50021.
    private func approvedTemplate(_ id: Int) async -> Result<Ledger.JPushAccount.Template, Refusal> {
        guard let template = await context.ledger.current.jpush.templates[id] else {
            return .failure(Refusal(Self.error(50013, "invalid temp_id")))
        }
        switch template.status {
        case 1: return .success(template)
        case 0: return .failure(Refusal(Self.error(50020, "the template is in review")))
        default: return .failure(Refusal(Self.error(50021, "the template was rejected")))
        }
    }

    private func sendBatch(_ body: Data) async throws -> ProviderAnswer {
        guard let batch = try? JSONDecoder().decode(JPushBatch.self, from: body) else {
            return Self.error(50007, "invalid body: not a batch JSON object")
        }
        guard !batch.recipients.isEmpty else { return Self.error(50030, "recipients is empty") }
        guard batch.recipients.count <= Self.maximumRecipients else {
            return Self.error(50031, "more than \(Self.maximumRecipients) recipients (\(batch.recipients.count))")
        }
        let template: Ledger.JPushAccount.Template
        switch await approvedTemplate(batch.templateID) {
        case .failure(let failure): return failure.answer
        case .success(let value): template = value
        }
        let variables = Self.variables(in: template.text)
        let configuration = context.configuration
        let now = Date()
        let outcome = try await context.ledger.change {
            snapshot -> Result<[(JPushBatchResult.Recipient, ScriptedNumbers.Outcome?)], Refusal> in
            let valid = batch.recipients.filter { Self.isMobile($0.mobile) }.count
            guard Self.charge(valid, type: template.type, from: &snapshot.jpush.app) else {
                return .failure(Refusal(Self.error(50014, "no balance for \(valid) messages")))
            }
            var results: [(JPushBatchResult.Recipient, ScriptedNumbers.Outcome?)] = []
            for recipient in batch.recipients {
                guard Self.isMobile(recipient.mobile) else {
                    results.append(
                        (
                            .init(
                                messageID: nil, mobile: recipient.mobile, errorCode: 50006,
                                errorMessage: "invalid mobile"), nil
                        ))
                    continue
                }
                let given = Set((recipient.parameters ?? [:]).keys)
                guard variables.isSubset(of: given) else {
                    results.append(
                        (
                            .init(
                                messageID: nil, mobile: recipient.mobile, errorCode: 50022,
                                errorMessage: "template params not all replaced"), nil
                        ))
                    continue
                }
                let messageID = String(snapshot.takeID())
                let result = ScriptedNumbers.outcome(
                    of: recipient.mobile, task: messageID, failRate: configuration.failRate, seed: configuration.seed)
                snapshot.jpush.tasks[messageID] = .init(
                    provider: Self.provider, recipients: 1, delivered: result.isDelivered ? 1 : 0,
                    failed: result.isDelivered ? [:] : [String(result.jpushStatus): 1], created: now)
                results.append((.init(messageID: messageID, mobile: recipient.mobile), result))
            }
            return .success(results)
        }
        switch outcome {
        case .failure(let failure): return failure.answer
        case .success(let results):
            for case (let recipient, let result?) in results {
                await report(recipient.messageID ?? "", phone: recipient.mobile, outcome: result, sent: now)
            }
            let accepted = results.filter { $0.1 != nil }.count
            return .json(
                JPushBatchResult(
                    successCount: accepted, failureCount: results.count - accepted, recipients: results.map(\.0)))
        }
    }

    private struct Single: Decodable {
        var mobile: String?
        var temp_id: Int?
        var temp_para: [String: String]?
    }

    private func sendOne(_ body: Data) async throws -> ProviderAnswer {
        guard let single = try? JSONDecoder().decode(Single.self, from: body), let mobile = single.mobile,
            let templateID = single.temp_id
        else { return Self.error(50007, "invalid body: needs mobile and temp_id") }
        guard Self.isMobile(mobile) else { return Self.error(50006, "invalid mobile") }
        let template: Ledger.JPushAccount.Template
        switch await approvedTemplate(templateID) {
        case .failure(let failure): return failure.answer
        case .success(let value): template = value
        }
        guard Self.variables(in: template.text).isSubset(of: Set((single.temp_para ?? [:]).keys)) else {
            return Self.error(50022, "template params not all replaced")
        }
        let configuration = context.configuration
        let now = Date()
        let sent = try await context.ledger.change { snapshot -> (String, ScriptedNumbers.Outcome)? in
            guard Self.charge(1, type: template.type, from: &snapshot.jpush.app) else { return nil }
            let messageID = String(snapshot.takeID())
            let result = ScriptedNumbers.outcome(
                of: mobile, task: messageID, failRate: configuration.failRate, seed: configuration.seed)
            snapshot.jpush.tasks[messageID] = .init(
                provider: Self.provider, recipients: 1, delivered: result.isDelivered ? 1 : 0,
                failed: result.isDelivered ? [:] : [String(result.jpushStatus): 1], created: now)
            return (messageID, result)
        }
        guard let (messageID, result) = sent else { return Self.error(50014, "no balance") }
        await report(messageID, phone: mobile, outcome: result, sent: now)
        return .json(JPushClient.MessageID(id: messageID))
    }

    /// A mainland mobile number written as JSMS wants it: exactly the 11 digits MMSKit's `PhoneNumber` accepts.
    static func isMobile(_ text: String) -> Bool {
        (try? PhoneNumber(text))?.digits == text
    }

    /// Takes `count` messages from the quota of the template's type (verification codes and notifications from
    /// industry, marketing from market), or from the general balance when that type was never allocated.
    static func charge(_ count: Int, type: Int, from quotas: inout Ledger.JPushAccount.Quotas) -> Bool {
        if type == 3, let market = quotas.market {
            guard market >= count else { return false }
            quotas.market = market - count
            return true
        }
        if type != 3, let industry = quotas.industry {
            guard industry >= count else { return false }
            quotas.industry = industry - count
            return true
        }
        guard let balance = quotas.balance, balance >= count else { return false }
        quotas.balance = balance - count
        return true
    }

    /// Queues the SMS_REPORT callback of one message (and the reply of a number that replies).
    private func report(_ messageID: String, phone: String, outcome: ScriptedNumbers.Outcome, sent: Date) async {
        let delay =
            outcome == .delayedReceipt
            ? context.configuration.receiptDelay + .seconds(30) : context.configuration.receiptDelay
        let received = Int((sent.timeIntervalSince1970 + Double(delay.components.seconds)) * 1000)
        await callback(
            .report, ["msgId": messageID, "status": outcome.jpushStatus, "receiveTime": received, "phone": phone],
            after: delay)
        if outcome == .repliesT {
            await callback(
                .reply, ["msgId": messageID, "phone": phone, "content": "T", "replyTime": received + 5000],
                after: delay + .seconds(5))
        }
    }

    /// A signed form callback (nonce, timestamp in ms, type, data, signature) to the JSMS callback URL, signed
    /// anew with the time of each try.
    func callback(_ type: JPushCallback.Kind, _ data: [String: Any], after delay: Duration = .zero) async {
        guard let url = context.configuration.callbacks.jpush,
            let json = try? JSONSerialization.data(withJSONObject: data, options: [.sortedKeys])
        else { return }
        let nonce = String(UInt64.random(in: 1...UInt64.max), radix: 36)
        let credentials = context.configuration.accounts.jpush
        let form: @Sendable () -> Data = {
            let timestamp = String(Int(Date().timeIntervalSince1970 * 1000))
            let signature = JPushCallback.signature(
                appKey: credentials.appKey, masterSecret: credentials.masterSecret, nonce: nonce, timestamp: timestamp)
            let fields = [
                ("nonce", nonce), ("timestamp", timestamp), ("type", type.rawValue),
                ("data", String(decoding: json, as: UTF8.self)), ("signature", signature),
            ]
            return Data(fields.map { "\($0.0)=\(Self.formEscaped($0.1))" }.joined(separator: "&").utf8)
        }
        await context.courier.enqueue(
            .jpushCallback, to: url, contentType: "application/x-www-form-urlencoded", body: form(), freshBody: form,
            records: 1, after: delay)
    }

    static func formEscaped(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._*")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text)
    }
}
