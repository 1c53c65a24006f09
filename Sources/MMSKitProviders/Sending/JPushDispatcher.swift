import MMSKit

/// Sends campaign chunks through JSMS batch send (at most 1000 per request). JPush does not de-duplicate
/// requests, so an unanswered chunk is never resent automatically.
public struct JPushDispatcher: BatchDispatcher {
    /// The client each chunk is sent with.
    public var client: JPushClient
    /// The approved JSMS template every recipient gets (`temp_id`).
    public var templateID: Int
    /// The sign to use (`sign_id`); `nil` uses the app's default sign.
    public var signID: Int?
    /// A label JPush keeps with the messages (`tag`), for reports.
    public var tag: String?
    /// Template parameters shared by every recipient (`temp_para`).
    public var parameters: [String: String]?
    /// The most numbers per request: the chunk size asked for, between 1 and JSMS's 1000.
    public var maximumChunkSize: Int

    /// A dispatcher sending template `templateID` through `client`, `chunkSize` numbers a request (cut to 1…1000).
    public init(
        client: JPushClient, templateID: Int, signID: Int? = nil, tag: String? = nil,
        parameters: [String: String]? = nil, chunkSize: Int = JPushClient.maximumBatchSize
    ) {
        self.client = client
        self.templateID = templateID
        self.signID = signID
        self.tag = tag
        self.parameters = parameters
        maximumChunkSize = min(max(1, chunkSize), JPushClient.maximumBatchSize)
    }

    /// `jpush`.
    public var provider: ProviderID { .jpush }
    /// JSMS does not de-duplicate, so an unanswered chunk is never resent automatically.
    public var deduplicatesRequests: Bool { false }
    /// None: JSMS remembers no request id.
    public var deduplicationWindow: Duration { .zero }

    /// Sends the chunk as one JSMS batch; numbers the answer does not account for make the receipt's `unaccounted`.
    public func dispatch(
        _ phones: [PhoneNumber], requestID: String, attempt: Int
    ) async throws(DispatchError) -> DispatchReceipt {
        do {
            let result = try await client.sendBatch(batch(phones))
            if result.recipients.isEmpty && result.successCount + result.failureCount == phones.count {
                // Counts alone that cover the whole chunk.
                return DispatchReceipt(taskID: nil, accepted: result.successCount)
            }
            return Self.receipt(for: phones, from: result)
        } catch {
            throw DispatchError(error)
        }
    }

    /// The batch send request for the chunk, for `--dry-run`.
    public func request(for phones: [PhoneNumber], requestID: String) throws(DispatchError) -> HTTPRequest {
        do {
            return try client.batchRequest(batch(phones))
        } catch {
            throw DispatchError(error)
        }
    }

    /// The batch body for a chunk: the one function that makes it, for sending and for `--dry-run`.
    func batch(_ phones: [PhoneNumber]) -> JPushBatch {
        JPushBatch(
            templateID: templateID, signID: signID, tag: tag,
            recipients: phones.map { JPushBatch.Recipient(mobile: $0.digits, parameters: parameters) })
    }

    /// Each number of the chunk as the answer lists it: accepted (a msg_id), rejected (an error code), or, when
    /// the answer leaves it out or says neither, unaccounted for.
    static func receipt(for phones: [PhoneNumber], from result: JPushBatchResult) -> DispatchReceipt {
        var accepted: [String: String] = [:]
        var rejected: [String: RejectedRecipient] = [:]
        for recipient in result.recipients {
            let mobile = String(recipient.mobile.filter(\.isASCII).filter(\.isNumber).suffix(11))
            if recipient.succeeded, let messageID = recipient.messageID {
                accepted[mobile] = messageID
            } else if let code = recipient.errorCode {
                let reason = "\(code): \(recipient.errorMessage ?? JPushErrorCatalog.entry(for: code)?.meaning ?? "")"
                rejected[mobile] = RejectedRecipient(mobile: recipient.mobile, reason: reason)
            }
        }
        var receipt = DispatchReceipt(taskID: nil, accepted: 0)
        var messageIDs: [String: String] = [:]
        for phone in phones {
            if let messageID = accepted[phone.digits] {
                receipt.accepted += 1
                messageIDs[phone.digits] = messageID
            } else if let refusal = rejected[phone.digits] {
                receipt.rejected.append(refusal)
            } else {
                receipt.unaccounted.append(phone.digits)
            }
        }
        receipt.messageIDs = messageIDs.isEmpty ? nil : messageIDs
        return receipt
    }
}
