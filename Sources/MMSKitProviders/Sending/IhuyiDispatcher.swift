import MMSKit

/// Sends campaign chunks through ihuyi batchSend; ihuyi de-duplicates request_ids for 2 hours.
public struct IhuyiDispatcher: BatchDispatcher {
    /// The client each chunk is sent with.
    public var client: IhuyiClient
    /// What every chunk sends: the product, the content or template, and the send time.
    public var batch: IhuyiBatch
    /// The most numbers per request: the chunk size asked for, between 1 and ihuyi's 10,000.
    public var maximumChunkSize: Int

    /// A dispatcher sending `batch` through `client`, `chunkSize` numbers a request (cut to 1…10,000).
    public init(client: IhuyiClient, batch: IhuyiBatch, chunkSize: Int = IhuyiClient.maxRecipientsPerRequest) {
        self.client = client
        self.batch = batch
        maximumChunkSize = min(max(1, chunkSize), IhuyiClient.maxRecipientsPerRequest)
    }

    /// `ihuyi`.
    public var provider: ProviderID { .ihuyi }

    /// Whether ihuyi's message says the request_id was already used (its replay protection).
    static func isReplay(_ message: String) -> Bool {
        let lower = message.lowercased()
        return (lower.contains("request_id") || message.contains("请求"))
            && (message.contains("重复") || message.contains("已存在") || lower.contains("duplicate")
                || lower.contains("exist"))
    }
    /// ihuyi refuses a request_id it has seen, so an uncertain chunk can be resent under it.
    public var deduplicatesRequests: Bool { true }
    /// Two hours: how long ihuyi remembers a request_id.
    public var deduplicationWindow: Duration { .seconds(2 * 3600) }

    /// Sends the chunk with batchSend; a replay refusal on a retry counts as accepted, since an earlier attempt got
    /// through.
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

    /// The signed batchSend request for the chunk, for `--dry-run`.
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
