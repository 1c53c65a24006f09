import MMSKit

/// Sends campaign chunks through JSMS batch send (at most 1000 per request). JPush does not de-duplicate
/// requests, so an unanswered chunk is never resent automatically.
public struct JPushDispatcher: BatchDispatcher {
    public var client: JPushClient
    public var templateID: Int
    public var signID: Int?
    public var tag: String?
    /// Template parameters shared by every recipient (`temp_para`).
    public var parameters: [String: String]?
    public var maximumChunkSize: Int

    public init(client: JPushClient, templateID: Int, signID: Int? = nil, tag: String? = nil, parameters: [String: String]? = nil, chunkSize: Int = JPushClient.maximumBatchSize) {
        self.client = client
        self.templateID = templateID
        self.signID = signID
        self.tag = tag
        self.parameters = parameters
        maximumChunkSize = min(max(1, chunkSize), JPushClient.maximumBatchSize)
    }

    public var provider: String { "jpush" }
    public var deduplicatesRequests: Bool { false }
    public var deduplicationWindow: Duration { .zero }

    public func dispatch(_ phones: [PhoneNumber], requestID: String, attempt: Int) async throws(DispatchError) -> DispatchReceipt {
        let batch = JPushBatch(
            templateID: templateID, signID: signID, tag: tag,
            recipients: phones.map { JPushBatch.Recipient(mobile: $0.digits, parameters: parameters) })
        do {
            let result = try await client.sendBatch(batch)
            let rejected = result.recipients.compactMap { recipient -> RejectedRecipient? in
                guard let code = recipient.errorCode else { return nil }
                return RejectedRecipient(mobile: recipient.mobile, reason: "\(code): \(recipient.errorMessage ?? JPushErrorCatalog.entry(for: code)?.meaning ?? "")")
            }
            return DispatchReceipt(taskID: nil, accepted: result.successCount, rejected: rejected)
        } catch {
            switch error {
            case .rateLimited(let limit):
                // 429 means JPush did not process the request, so even without de-duplication a retry is safe.
                throw DispatchError(.notSent, "\(error)", retryAfter: limit.retryAfter)
            case .api(_, JPushErrorCatalog.frequencyLimit, _):
                // So is its frequency-limit refusal of the whole request (50009).
                throw DispatchError(.notSent, "\(error)")
            case .transport(let transport):
                throw DispatchError(DispatchError.Kind(transport), "JPush batch send: \(error)")
            case .unreadableResponse(let response) where response.status >= 500:
                throw DispatchError(.uncertain, "\(error)")
            case .api(let status, _, _) where status >= 500:
                throw DispatchError(.uncertain, "\(error)")
            default:
                throw DispatchError(.refused, "\(error)")
            }
        }
    }
}
