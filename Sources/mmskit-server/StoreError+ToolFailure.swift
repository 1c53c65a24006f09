import MMSKitCommandLine
import MMSKitStore

extension StoreError: ToolFailureError {}
