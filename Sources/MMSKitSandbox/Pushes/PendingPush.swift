import Foundation

/// One push the sandbox owes a receiver, tried until the answer is right or its tries run out; not one try
/// (``PushAttempt``).
struct PendingPush: Sendable {
    enum Kind: String, Sendable, Codable {
        case ihuyiReceipts = "ihuyi receipts"
        case ihuyiUplinks = "ihuyi uplinks"
        case ihuyiReview = "ihuyi review"
        case jpushCallback = "jpush callback"
    }

    var id: Int
    var kind: Kind
    var url: URL
    var contentType: String
    var body: Data
    /// The body for each try when it must be made anew: a JSMS callback is signed with the time of its try
    /// (JSMS documents its timestamp as the current time, and receivers refuse a stale one).
    var freshBody: (@Sendable () -> Data)?
    /// How many records it carries (receipts in an array count one each).
    var records: Int
    /// Tries made so far.
    var attempts = 0
    var due: ContinuousClock.Instant

    /// What counts as accepted: ihuyi wants exactly `success`; JSMS any 2xx.
    func accepts(status: Int, body: Data) -> Bool {
        switch kind {
        case .jpushCallback: (200..<300).contains(status)
        default:
            status == 200
                && String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "success"
        }
    }

    /// The waits between tries (sandbox clock, before `--speed`): ihuyi tries 3 times with the wait growing by
    /// 60 s; JSMS retries 3 times, after 3 min, 1 h and 12 h.
    var retryWaits: [Duration] {
        switch kind {
        case .jpushCallback: [.seconds(180), .seconds(3600), .seconds(43_200)]
        default: [.seconds(60), .seconds(120)]
        }
    }
}
