import MMSKit

/// Sends campaign chunks through SendPulse `POST /sms/send`. SendPulse does not de-duplicate requests, so an
/// unanswered chunk is never resent automatically; a throttled one (never processed) is.
public struct SendPulseDispatcher: BatchDispatcher {
    /// The client each chunk is sent with.
    public var client: SendPulseClient
    /// The SMS sender name.
    public var sender: String
    /// The message text every recipient gets.
    public var text: String
    /// The most numbers per request (at least 1).
    public var maximumChunkSize: Int

    /// A dispatcher sending `text` from `sender` through `client`, `chunkSize` numbers a request.
    public init(client: SendPulseClient, sender: String, text: String, chunkSize: Int) {
        self.client = client
        self.sender = sender
        self.text = text
        maximumChunkSize = max(1, chunkSize)
    }

    /// `sendpulse`.
    public var provider: ProviderID { .sendpulse }
    /// SendPulse does not de-duplicate, so an unanswered chunk is never resent automatically.
    public var deduplicatesRequests: Bool { false }
    /// None: SendPulse remembers no request id.
    public var deduplicationWindow: Duration { .zero }

    /// Mainland numbers in international form, digits only, as SendPulse takes them (`86` and the 11 digits).
    static func phones(_ phones: [PhoneNumber]) -> [String] { phones.map { "86" + $0.digits } }

    /// Sends the chunk with `POST /sms/send`, without the client's own throttle retries (the runner retries).
    public func dispatch(
        _ phones: [PhoneNumber], requestID: String, attempt: Int
    ) async throws(DispatchError) -> DispatchReceipt {
        do {
            // The runner retries a throttled chunk with its own policy: the client must not retry it as well.
            let answer = try await client.sendSMS(
                sender: sender, phones: Self.phones(phones), body: text, retryingThrottled: false)
            return DispatchReceipt(taskID: Self.taskID(answer), accepted: phones.count)
        } catch {
            throw DispatchError(error)
        }
    }

    /// The `/sms/send` request for the chunk, for `--dry-run` (without credentials until it is sent).
    public func request(for phones: [PhoneNumber], requestID: String) throws(DispatchError) -> HTTPRequest {
        client.smsRequest(sender: sender, phones: Self.phones(phones), body: text)
    }

    /// The campaign's id in the answer (`id` or `campaign_id`), when it gives one.
    static func taskID(_ answer: SendPulseJSON) -> String? {
        guard case .object(let members) = answer else { return nil }
        for key in ["id", "campaign_id"] {
            switch members.first(where: { $0.key == key })?.value {
            case .string(let text)?: return text
            case .number(let number)?: return Int(exactly: number).map(String.init) ?? "\(number)"
            default: continue
            }
        }
        return nil
    }
}
