/// A credential (API key, master secret) that never shows itself in output, logs, errors or dumps.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself: read only to sign or authenticate a request.
    public let exposedValue: String

    /// Wraps `value`.
    public init(_ value: String) {
        exposedValue = value
    }

    /// Always `<redacted>`, so interpolating a secret never prints it.
    public var description: String { "<redacted>" }
    /// Always `<redacted>`.
    public var debugDescription: String { "<redacted>" }
    /// No children: `dump` and the debugger show nothing of the value.
    public var customMirror: Mirror { Mirror(self, children: []) }
}
