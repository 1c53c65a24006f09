import Crypto
import Foundation
import MMSKitProviders
import Synchronization

/// Refuses replayed JSMS callbacks. JSMS signs the app key, master secret, nonce and timestamp, not the type or
/// the data, so a signature seen once (in a log, on an unencrypted hop) would otherwise vouch for any data. A
/// callback is taken only while its timestamp is within `tolerance` of this machine's clock, and every callback
/// taken is remembered while its timestamp is: the same callback again (a provider's retry) is stored again only
/// if it was not stored yet, and the same nonce and timestamp with another type or data is refused. In memory, for
/// this receiver only, at most `capacity` callbacks at once.
final class JSMSReplayGuard: Sendable {
    enum Verdict: Equatable, Sendable {
        /// Not seen (or seen but not stored): store it, then call `stored(_:)`.
        case take
        /// The same callback is stored already: answer it, store nothing.
        case alreadyStored
        /// The timestamp is not a whole number of milliseconds.
        case unreadableTimestamp
        /// The timestamp is this many seconds from this machine's clock (negative: behind), beyond the tolerance.
        case stale(seconds: Int64)
        /// This nonce and timestamp were taken with another type or data.
        case conflict
        /// `capacity` callbacks are remembered already, none of them old enough to forget.
        case full
    }

    private struct Key: Hashable, Sendable {
        var nonce: String
        var timestamp: String
    }

    private struct Entry: Sendable {
        var content: Data
        var stored: Bool
    }

    private struct State: Sendable {
        var entries: [Key: Entry] = [:]
        /// Keys in the order they came, each with when it may be forgotten (twice the tolerance after it came, by
        /// which time its timestamp is out of the window whatever it was).
        var arrivals: [(key: Key, forgetAt: Date)] = []
        var forgotten = 0
    }

    let tolerance: Duration
    let capacity: Int
    private let state = Mutex(State())

    init(tolerance: Duration, capacity: Int = 1_000_000) {
        self.tolerance = tolerance
        self.capacity = capacity
    }

    /// Whether to take `callback` (already checked for its signature) at `now`; a callback taken is remembered.
    func admit(_ callback: JPushCallback, now: Date = Date()) -> Verdict {
        guard let milliseconds = Int64(callback.timestamp) else { return .unreadableTimestamp }
        let window = Double(tolerance.components.seconds) + Double(tolerance.components.attoseconds) * 1e-18
        let offset = Double(milliseconds) / 1000 - now.timeIntervalSince1970
        guard abs(offset) <= window else { return .stale(seconds: Int64(offset.rounded())) }
        let key = Key(nonce: callback.nonce, timestamp: callback.timestamp)
        let content = Data(SHA256.hash(data: Data("\(callback.type.rawValue)\n\(callback.data)".utf8)))
        let capacity = self.capacity
        return state.withLock { state -> Verdict in
            Self.forget(before: now, in: &state)
            if let entry = state.entries[key] {
                guard entry.content == content else { return .conflict }
                return entry.stored ? .alreadyStored : .take
            }
            guard state.entries.count < capacity else { return .full }
            state.entries[key] = Entry(content: content, stored: false)
            state.arrivals.append((key, now.addingTimeInterval(2 * window)))
            return .take
        }
    }

    /// Records that a callback `admit` took is stored, so that a retry of it is answered without storing again.
    func stored(_ callback: JPushCallback) {
        state.withLock { state in
            state.entries[Key(nonce: callback.nonce, timestamp: callback.timestamp)]?.stored = true
        }
    }

    private static func forget(before now: Date, in state: inout State) {
        while state.forgotten < state.arrivals.count, state.arrivals[state.forgotten].forgetAt < now {
            state.entries[state.arrivals[state.forgotten].key] = nil
            state.forgotten += 1
        }
        if state.forgotten > 1024, state.forgotten * 2 > state.arrivals.count {
            state.arrivals.removeFirst(state.forgotten)
            state.forgotten = 0
        }
    }
}
