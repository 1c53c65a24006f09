import Foundation

/// One try of a push, as `/_sandbox/state` and the inspector show it; not the push (which may be tried again).
public struct PushAttempt: Codable, Sendable {
    /// The push's number, counted from 1 since the sandbox started.
    public var push: Int
    /// What the push carries: `ihuyi receipts`, `ihuyi uplinks`, `ihuyi review` or `jpush callback`.
    public var kind: String
    /// The URL without its query (a receiver token stays out of the log).
    public var url: String
    /// Which try this was, counted from 1.
    public var attempt: Int
    /// How many records the push carries.
    public var records: Int
    /// When the try ended.
    public var time: Date
    /// The receiver's HTTP status, or nil when there was no answer.
    public var status: Int?
    /// The first bytes of the answer, or the transport error.
    public var answer: String
    /// Whether the receiver's answer counts as accepted (ihuyi: 200 `success`; JSMS: any 2xx).
    public var accepted: Bool
    /// Whether this was the last try (accepted, or out of tries).
    public var final: Bool
}
