import Crypto
import Foundation
import Hummingbird
import MMSKit
import MMSKitProviders

/// ihuyi's MMS API played by the sandbox, as ihuyi's document describes it; not mmskit's ihuyi client
/// (`IhuyiClient`), whose code it does not use to judge requests.
///
/// Signed JSON requests, request_ids de-duplicated for 2 hours, balances per product charged per recipient,
/// templates reviewed after a delay, receipts pushed after a send. ihuyi's MMS document publishes no error-code
/// table; the codes are those of its older SMS API where one fits, and the sandbox's own otherwise
/// (MMSKitSandbox.docc/EmulatedProviders.md lists them).
struct IhuyiEmulator: Sendable {
    let context: EmulatorContext

    static let provider: ProviderID = .ihuyi
    /// How long a request_id is remembered.
    static let requestIDLifetime: TimeInterval = 2 * 3600
    /// The largest clock difference accepted.
    static let timestampSkew = 60
    static let maximumPhones = 10_000

    func register(on router: Router<BasicRequestContext>) {
        let routes: [(String, @Sendable (IhuyiEmulator, Data) async throws -> ProviderAnswer)] = [
            ("/mms/v1/balance", { try await $0.balance($1) }),
            ("/mms/v1/batchSend", { try await $0.batchSend($1) }),
            ("/mms/v1/templateCreate", { try await $0.templateCreate($1) }),
        ]
        for (path, handler) in routes {
            router.post(RouterPath(path)) { request, _ in
                try await context.answer(Self.provider, request, refusal: Self.refusal) { _ in
                    if let refusal = Self.contentTypeRefusal(request.headers[.contentType]) { return refusal }
                    return try await handler(self, EmulatorContext.body(of: request))
                }
            }
        }
    }

    /// 415 unless the request says its body is JSON (`application/json`, in UTF-8 if a charset is given), as
    /// ihuyi's document requires and mmskit's client sends it.
    static func contentTypeRefusal(_ contentType: String?) -> ProviderAnswer? {
        let parameters = (contentType ?? "").split(separator: ";").map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let charset = parameters.dropFirst().first { $0.hasPrefix("charset=") }?.dropFirst("charset=".count)
        if parameters.first == "application/json", charset.map({ ["utf-8", "\"utf-8\""].contains($0) }) ?? true {
            return nil
        }
        let given = contentType.map { "is '\(DisplayText.escaped(String($0.prefix(100))))'" } ?? "is missing"
        return .json(
            Reply(
                code: "4000",
                message:
                    "Content-Type错误 (the Content-Type \(given): ihuyi takes a JSON body, Content-Type: application/json; charset=utf-8)"
            ), status: .unsupportedMediaType)
    }

    struct Reply: Encodable {
        var code: String
        var message: String
        var taskID: String?
        var templateID: Int?
        var data: [Product]?

        struct Product: Encodable {
            var product_id: Int
            var product_name: String
            var balance: Int
        }

        enum CodingKeys: String, CodingKey {
            case code, message, data
            case taskID = "task_id"
            case templateID = "template_id"
        }
    }

    static func failure(_ code: String, _ message: String) -> ProviderAnswer {
        .json(Reply(code: code, message: message))
    }

    /// ihuyi's answer for an injected 503 or 429.
    @Sendable static func refusal(_ status: HTTPResponse.Status) -> ProviderAnswer {
        status == .tooManyRequests
            ? .json(Reply(code: "4085", message: "提交过于频繁 (too frequent), 请稍后再试"), status: status)
            : .json(Reply(code: "500", message: "服务暂时不可用 (service unavailable)"), status: status)
    }

    /// A request's fields, after the common parameters were checked.
    private struct Signed {
        var fields: [String: Any]
        var requestID: String
    }

    /// Checks the common parameters: api_id, the timestamp within ±60 s, a request_id, the MD5 signature.
    private func authenticate(_ body: Data) -> Result<Signed, Refusal> {
        guard let object = try? JSONSerialization.jsonObject(with: body), let fields = object as? [String: Any] else {
            return .failure(Refusal(Self.failure("4000", "请求体不是JSON对象 (the body is not a JSON object)")))
        }
        let account = context.configuration.accounts.ihuyi
        guard let apiID = fields["api_id"] as? String, apiID == account.apiID else {
            return .failure(Refusal(Self.failure("405", "api_id或api_key错误 (unknown api_id)")))
        }
        let timestamp = (fields["timestamp"] as? Int) ?? (fields["timestamp"] as? String).flatMap { Int($0) }
        guard let timestamp else {
            return .failure(Refusal(Self.failure("4000", "缺少timestamp参数 (timestamp is missing)")))
        }
        let now = Int(Date().timeIntervalSince1970)
        guard abs(now - timestamp) <= Self.timestampSkew else {
            return .failure(
                Refusal(
                    Self.failure("4002", "timestamp时间戳错误: 与服务器时间相差 \(now - timestamp) 秒 (more than 60 s)")))
        }
        guard let requestID = fields["request_id"] as? String, !requestID.isEmpty else {
            return .failure(Refusal(Self.failure("4000", "缺少request_id参数 (request_id is missing)")))
        }
        let expected = Self.signature(
            apiID: account.apiID, apiKey: account.apiKey.exposedValue, requestID: requestID, timestamp: timestamp)
        guard (fields["signature"] as? String) == expected else {
            return .failure(Refusal(Self.failure("405", "签名错误 (signature mismatch: check api_id and api_key)")))
        }
        return .success(Signed(fields: fields, requestID: requestID))
    }

    /// The signature ihuyi's document asks for, written out here rather than borrowed from mmskit's client (so
    /// that a bug in the client's signer cannot pass the sandbox): the MD5, as 32 lower-case hex digits, of
    /// `api_id=…&api_key=…&request_id=…&timestamp=…` (the common parameters and the api_key, in ASCII order of
    /// their names, as `key=value` joined with `&`, in UTF-8).
    static func signature(apiID: String, apiKey: String, requestID: String, timestamp: Int) -> String {
        let text = "api_id=\(apiID)&api_key=\(apiKey)&request_id=\(requestID)&timestamp=\(timestamp)"
        return Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private func balance(_ body: Data) async throws -> ProviderAnswer {
        if case .failure(let failure) = authenticate(body) { return failure.answer }
        let products = await context.ledger.current.ihuyi.products
        return .json(
            Reply(
                code: "OK", message: "查询成功",
                data: products.map { Reply.Product(product_id: $0.id, product_name: $0.name, balance: $0.balance) }))
    }

    /// The answer already given to `requestID` in the last 2 hours.
    private func repeated(_ requestID: String) async -> ProviderAnswer? {
        guard let earlier = await context.ledger.current.ihuyi.requests[requestID],
            Date().timeIntervalSince(earlier.time) < Self.requestIDLifetime
        else { return nil }
        return .raw(earlier.body, contentType: "application/json; charset=utf-8")
    }

    private static func remember(_ answer: ProviderAnswer, as requestID: String, in snapshot: inout Ledger) {
        let now = Date()
        snapshot.ihuyi.requests = snapshot.ihuyi.requests.filter {
            now.timeIntervalSince($0.value.time) < requestIDLifetime
        }
        snapshot.ihuyi.requests[requestID] = .init(body: answer.body, time: now)
    }

    /// The lint errors as ihuyi would refuse them: a phone problem is 406, anything else 4001.
    private static func contentRefusal(_ errors: [Diagnostic]) -> ProviderAnswer? {
        guard let first = errors.first else { return nil }
        let more = errors.count > 1 ? " (+\(errors.count - 1) more)" : ""
        let phoneRules: Set<RuleID> = [.recipientFormat, .recipientCount, .recipientDuplicate]
        if let phone = errors.first(where: { $0.ruleID.map(phoneRules.contains) == true }) {
            return failure(
                phone.ruleID == .recipientCount ? "4060" : "406", "手机号码错误 (phone): \(phone.message)\(more)")
        }
        return failure("4001", "内容不合规 (content refused): \(first.message)\(more)")
    }

    private func batchSend(_ body: Data) async throws -> ProviderAnswer {
        let signed: Signed
        switch authenticate(body) {
        case .failure(let failure): return failure.answer
        case .success(let value): signed = value
        }
        if let earlier = await repeated(signed.requestID) {
            context.logger.info("ihuyi batchSend: request_id \(signed.requestID) repeated; answered as before")
            return earlier
        }
        let fields = signed.fields
        let phones = (fields["phone"] as? [Any])?.compactMap { $0 as? String } ?? []
        guard !phones.isEmpty else { return Self.failure("401", "phone为空 (phone is empty)") }
        guard phones.count <= Self.maximumPhones else {
            return Self.failure("4060", "phone超过\(Self.maximumPhones)个 (\(phones.count) numbers; at most 10,000)")
        }
        let templateID = (fields["template_id"] as? Int) ?? (fields["template_id"] as? String).flatMap { Int($0) }
        let hasContent = fields["content"] != nil
        if !hasContent {
            guard let templateID else {
                return Self.failure("4000", "content和template_id不能都为空 (send content or a template_id)")
            }
            guard let template = await context.ledger.current.ihuyi.templates[templateID] else {
                return Self.failure("4091", "模板不存在 (no template \(templateID))")
            }
            guard template.status == IhuyiTemplateReview.approved else {
                return Self.failure(
                    "4092",
                    "模板未审核通过 (template \(templateID) is \(template.status == "pending" ? "in review" : "rejected"))")
            }
        } else {
            guard (fields["sign_name"] as? String).map({ !$0.isEmpty }) == true else {
                return Self.failure("4070", "sign_name不能为空 (sign_name is required without template_id)")
            }
            guard (fields["title"] as? String).map({ !$0.isEmpty }) == true else {
                return Self.failure("4071", "title不能为空 (title is required without template_id)")
            }
        }
        if let refusal = Self.contentRefusal(context.lint(body, kind: .batch, file: "batchSend")) { return refusal }
        guard let productID = (fields["product_id"] as? Int) ?? (fields["product_id"] as? String).flatMap({ Int($0) })
        else { return Self.failure("4000", "缺少product_id (product_id is missing)") }
        let configuration = context.configuration
        let requestID = signed.requestID
        let now = Date()
        let outcome = try await context.ledger.change {
            snapshot -> Result<(String, ProviderAnswer, [ScriptedNumbers.Outcome]), Refusal> in
            guard let index = snapshot.ihuyi.products.firstIndex(where: { $0.id == productID }) else {
                return .failure(Refusal(Self.failure("4050", "product_id不存在 (no product \(productID))")))
            }
            guard snapshot.ihuyi.products[index].balance >= phones.count else {
                return .failure(
                    Refusal(
                        Self.failure(
                            "4051",
                            "余额不足 (balance \(snapshot.ihuyi.products[index].balance) < \(phones.count) recipients)")))
            }
            snapshot.ihuyi.products[index].balance -= phones.count
            let taskID = "mms\(snapshot.takeID())"
            var task = Ledger.Task(
                provider: Self.provider, recipients: phones.count, delivered: 0, failed: [:], created: now)
            let outcomes = phones.map {
                ScriptedNumbers.outcome(
                    of: $0, task: taskID, failRate: configuration.failRate, seed: configuration.seed)
            }
            for result in outcomes {
                if result.isDelivered {
                    task.delivered += 1
                } else {
                    task.failed[result.ihuyiCode.code, default: 0] += 1
                }
            }
            snapshot.ihuyi.tasks[taskID] = task
            let answer = ProviderAnswer.json(Reply(code: "OK", message: "提交成功", taskID: taskID))
            Self.remember(answer, as: requestID, in: &snapshot)
            return .success((taskID, answer, outcomes))
        }
        switch outcome {
        case .failure(let failure): return failure.answer
        case .success(let (taskID, answer, outcomes)):
            await pushReceipts(task: taskID, phones: phones, outcomes: outcomes, sent: now)
            return answer
        }
    }

    /// Queues the receipts of a send (and the replies of the numbers that reply), in arrays of
    /// `pushBatchSize`; `outcomes` are the phones' outcomes as the send recorded them.
    private func pushReceipts(
        task: String, phones: [String], outcomes: [ScriptedNumbers.Outcome], sent: Date
    ) async {
        let configuration = context.configuration
        guard let url = configuration.callbacks.receipts else { return }
        var prompt: [[String: String]] = []
        var late: [[String: String]] = []
        var replies: [[String: String]] = []
        let sendTime = EmulatorContext.chinaTime(sent)
        let receiptDelay = configuration.receiptDelay
        let lateDelay = receiptDelay + .seconds(30)
        // The times are the same for every receipt of the send: worked out once, not once a phone.
        let promptTime = EmulatorContext.chinaTime(sent.addingTimeInterval(Double(receiptDelay.components.seconds)))
        let lateTime = EmulatorContext.chinaTime(sent.addingTimeInterval(Double(lateDelay.components.seconds)))
        let replyTime = EmulatorContext.chinaTime(sent.addingTimeInterval(Double(receiptDelay.components.seconds) + 5))
        for (phone, outcome) in zip(phones, outcomes) {
            let (code, message) = outcome.ihuyiCode
            let reportTime = outcome == .delayedReceipt ? lateTime : promptTime
            let receipt = [
                "task_id": task, "phone": phone, "code": code, "message": message, "send_time": sendTime,
                "report_time": reportTime,
            ]
            if outcome == .delayedReceipt { late.append(receipt) } else { prompt.append(receipt) }
            if outcome == .repliesT {
                replies.append([
                    "task_id": task, "phone": phone, "content": "T", "dest_code": "", "send_time": sendTime,
                    "receive_time": replyTime,
                ])
            }
        }
        await queue(.ihuyiReceipts, prompt, to: url, after: receiptDelay)
        await queue(.ihuyiReceipts, late, to: url, after: lateDelay)
        if let uplinks = configuration.callbacks.uplinks {
            await queue(.ihuyiUplinks, replies, to: uplinks, after: receiptDelay + .seconds(5))
        }
    }

    private func queue(
        _ kind: PendingPush.Kind, _ records: [[String: String]], to url: URL, after delay: Duration
    ) async {
        let size = max(1, context.configuration.pushBatchSize)
        for start in stride(from: 0, to: records.count, by: size) {
            let slice = Array(records[start..<min(start + size, records.count)])
            let json: Any = slice.count == 1 ? slice[0] : slice
            guard let body = try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]) else { continue }
            await context.courier.enqueue(
                kind, to: url, contentType: "application/json; charset=utf-8", body: body, records: slice.count,
                after: delay)
        }
    }

    /// An uplink from `phone` (the control API's simulated reply).
    func simulateUplink(phone: String, content: String, task: String?) async -> Bool {
        guard let url = context.configuration.callbacks.uplinks else { return false }
        let now = EmulatorContext.chinaTime(Date())
        await queue(
            .ihuyiUplinks,
            [
                [
                    "task_id": task ?? "", "phone": phone, "content": content, "dest_code": "", "send_time": now,
                    "receive_time": now,
                ]
            ],
            to: url, after: .zero)
        return true
    }

    private func templateCreate(_ body: Data) async throws -> ProviderAnswer {
        let signed: Signed
        switch authenticate(body) {
        case .failure(let failure): return failure.answer
        case .success(let value): signed = value
        }
        if let earlier = await repeated(signed.requestID) { return earlier }
        let fields = signed.fields
        for field in ["title", "sign_name", "purpose"] {
            guard (fields[field] as? String).map({ !$0.isEmpty }) == true else {
                return Self.failure(field == "sign_name" ? "4070" : "4000", "\(field)不能为空 (\(field) is required)")
            }
        }
        guard fields["content"] != nil else { return Self.failure("4000", "content不能为空 (content is required)") }
        let errors = context.lint(body, kind: .template, file: "templateCreate").map(\.message)
        let requestID = signed.requestID
        let templateID = try await context.ledger.change { snapshot -> Int in
            let id = snapshot.takeID()
            snapshot.ihuyi.templates[id] = .init(
                title: fields["title"] as? String ?? "", signName: fields["sign_name"] as? String ?? "",
                purpose: fields["purpose"] as? String ?? "", status: "pending", message: nil, errors: errors,
                created: Date())
            Self.remember(
                .json(Reply(code: "OK", message: "提交成功", templateID: id)), as: requestID, in: &snapshot)
            return id
        }
        let context = self.context
        Task {
            try? await Task.sleep(for: context.configuration.scaled(context.configuration.reviewDelay))
            _ = try? await IhuyiEmulator(context: context).review(templateID, approve: nil, message: nil)
        }
        return .json(Reply(code: "OK", message: "提交成功", templateID: templateID))
    }

    /// Ends a template's review and pushes the result: `approve` nil decides by the lint errors (a review that
    /// already ended is left alone then). Returns false for an unknown template.
    func review(_ templateID: Int, approve: Bool?, message: String?) async throws -> Bool {
        let result = try await context.ledger.change { snapshot -> (code: String, message: String)? in
            guard var template = snapshot.ihuyi.templates[templateID] else { return nil }
            if approve == nil && template.status != "pending" { return nil }
            let approved = approve ?? template.errors.isEmpty
            template.status = approved ? IhuyiTemplateReview.approved : IhuyiTemplateReview.rejected
            template.message =
                message ?? (approved ? "审核通过" : template.errors.prefix(3).joined(separator: "; "))
            snapshot.ihuyi.templates[templateID] = template
            return (template.status, template.message ?? "")
        }
        guard let result else { return await context.ledger.current.ihuyi.templates[templateID] != nil }
        if let url = context.configuration.callbacks.reviews {
            let push: [String: Any] = ["template_id": templateID, "code": result.code, "message": result.message]
            if let body = try? JSONSerialization.data(withJSONObject: push, options: [.sortedKeys]) {
                await context.courier.enqueue(
                    .ihuyiReview, to: url, contentType: "application/json; charset=utf-8", body: body, records: 1,
                    after: .zero)
            }
        }
        return true
    }
}
