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
    public var deduplicatesRequests: Bool { true }
    public var deduplicationWindow: Duration { .seconds(2 * 3600) }

    public func dispatch(_ phones: [PhoneNumber], requestID: String) async throws(DispatchError) -> DispatchReceipt {
        do {
            let taskID = try await client.sendBatch(batch, to: phones, requestID: requestID)
            return DispatchReceipt(taskID: taskID, accepted: phones.count)
        } catch {
            switch error {
            case .transport(_, let transport):
                throw DispatchError(transport.requestNeverSent ? .notSent : .uncertain, error.description)
            case .unreadableResponse(let response) where response.status >= 500:
                throw DispatchError(.uncertain, error.description)
            default:
                throw DispatchError(.refused, error.description)
            }
        }
    }
}
