import MMSKit
import MMSKitProviders
import MMSKitServer
import MMSKitStore

// The store's and the forwarder's failures are failures of the tool or its setup (exit status 2). The libraries'
// other errors say so themselves (`ClassifiedFailure`).
extension StoreError: ClassifiedFailure {
    public var isContentError: Bool { false }
}

extension WebhookReplayError: ClassifiedFailure {
    public var isContentError: Bool { false }
}

extension WebhookSecretError: ClassifiedFailure {
    public var isContentError: Bool { false }
}
