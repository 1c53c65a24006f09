import MMSKit

/// Sends campaign chunks through ihuyi batchSend; ihuyi de-duplicates request_ids for 2 hours.
public struct IhuyiDispatcher: BatchDispatcher {
    public var client: IhuyiClient
    public var batch: IhuyiBatch
    public var maximumChunkSize: Int

    public init(client: IhuyiClient, batch: IhuyiBatch, chunkSize: Int = IhuyiClient.maxRecipientsPerRequest) {
        self.client = client
        self.batch = batch
        maximumChunkSize = min(max(1, chunkSize), IhuyiClient.maxRecipientsPerRequest)
    }

    public var provider: String { "ihuyi" }

    /// Whether ihuyi's message says the request_id was already used (its replay protection).
    static func isReplay(_ message: String) -> Bool {
        let lower = message.lowercased()
        return (lower.contains("request_id") || message.contains("请求"))
            && (message.contains("重复") || message.contains("已存在") || lower.contains("duplicate")
                || lower.contains("exist"))
    }
    public var deduplicatesRequests: Bool { true }
    public var deduplicationWindow: Duration { .seconds(2 * 3600) }

    public func dispatch(
        _ phones: [PhoneNumber], requestID: String, attempt: Int
    ) async throws(DispatchError) -> DispatchReceipt {
        do {
            let taskID = try await client.sendBatch(batch, to: phones, requestID: requestID)
            return DispatchReceipt(taskID: taskID, accepted: phones.count)
        } catch {
            if case .api(_, _, let message) = error, Self.isReplay(message), attempt > 1 {
                // The provider refuses the request_id because an earlier attempt got through: that is success.
                var receipt = DispatchReceipt(taskID: nil, accepted: phones.count)
                receipt.alreadyAccepted = true
                return receipt
            }
            throw DispatchError(error)
        }
    }

    public func request(for phones: [PhoneNumber], requestID: String) throws(DispatchError) -> HTTPRequest {
        do {
            return try client.request(
                "batchSend",
                payload: IhuyiRequestBody.batchSend(batch, phones: phones.map(\.digits), requestID: requestID))
        } catch {
            throw DispatchError(error)
        }
    }
}
