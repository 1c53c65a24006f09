import MMSKitCommandLine
import MMSKitProviders
import MMSKitStore

// The provider layer's and the store's own failures are failures of the tool or its setup (exit status 2).
extension UnsupportedCapabilityError: ToolFailureError {}
extension SendJournalError: ToolFailureError {}
extension DispatchError: ToolFailureError {}
extension ProxySettingsError: ToolFailureError {}
extension CredentialError: ToolFailureError {}
extension StoreError: ToolFailureError {}
