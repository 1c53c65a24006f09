import Foundation

/// A fault the sandbox injects into a provider's answers, with a probability: what real networks and providers
/// do now and then, on demand. Off unless asked for (`--fault`, or `POST /_sandbox/faults`).
public struct SandboxFault: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The request is carried out (committed), then the connection is cut before the answer is complete.
        case reset
        /// The request is carried out; the answer is 200 with an empty body.
        case empty
        /// The request is carried out; the answer is 200 with a body that is not JSON.
        case malformed
        /// The request is carried out; the answer stops halfway through its declared length.
        case truncated
        /// 503 with the provider's error body; nothing is done.
        case unavailable
        /// 429 with the provider's error body and Retry-After; nothing is done.
        case rateLimited
        /// The answer waits `delay` (or a random time up to `delay` with `random`), then proceeds.
        case delay
        /// SendPulse: the token presented is treated as expired (401).
        case tokenExpiry

        /// Whether the request is carried out before the fault strikes.
        var commitsFirst: Bool { [.reset, .empty, .malformed, .truncated].contains(self) }
    }

    /// `ihuyi`, `jpush`, `itniotech`, `sendpulse`, or nil for every provider.
    public var provider: String?
    /// A path prefix such as `/mms/v1/batchSend`, or nil for every route of the provider.
    public var route: String?
    public var kind: Kind
    /// 0…1: the share of matching requests hit.
    public var probability: Double
    /// For `delay`.
    public var delayMilliseconds: Int?
    /// For `delay`: a uniform random wait up to the delay instead of exactly it.
    public var random: Bool?
    /// At most this many hits, then the fault is spent (nil: no limit).
    public var times: Int?

    public init(
        provider: String? = nil, route: String? = nil, kind: Kind, probability: Double = 1,
        delayMilliseconds: Int? = nil, random: Bool? = nil, times: Int? = nil
    ) {
        self.provider = provider
        self.route = route
        self.kind = kind
        self.probability = probability
        self.delayMilliseconds = delayMilliseconds
        self.random = random
        self.times = times
    }

    /// Reads `--fault PROVIDER:ROUTE:KIND[=MS]:PROBABILITY[:TIMES]`, e.g. `ihuyi:/mms/v1/batchSend:reset:1:1`,
    /// `all:*:delay=250:0.2`, `jpush:*:rateLimited:0.1`. `random-delay=MS` is a random delay up to MS.
    public init(parsing text: String) throws(SandboxFaultSyntaxError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (4...5).contains(parts.count) else { throw SandboxFaultSyntaxError(text: text) }
        provider = parts[0] == "all" || parts[0] == "*" ? nil : parts[0]
        route = parts[1] == "*" || parts[1].isEmpty ? nil : parts[1]
        let kindParts = parts[2].split(separator: "=", maxSplits: 1).map(String.init)
        var kindName = kindParts[0]
        if kindName == "random-delay" {
            kindName = Kind.delay.rawValue
            random = true
        }
        guard let kind = Kind(rawValue: kindName) else { throw SandboxFaultSyntaxError(text: text) }
        self.kind = kind
        if kindParts.count == 2 {
            guard kind == .delay, let milliseconds = Int(kindParts[1]), milliseconds >= 0 else {
                throw SandboxFaultSyntaxError(text: text)
            }
            delayMilliseconds = milliseconds
        } else if kind == .delay {
            throw SandboxFaultSyntaxError(text: text)
        }
        guard let probability = Double(parts[3]), (0...1).contains(probability) else {
            throw SandboxFaultSyntaxError(text: text)
        }
        self.probability = probability
        if parts.count == 5 {
            guard let times = Int(parts[4]), times > 0 else { throw SandboxFaultSyntaxError(text: text) }
            self.times = times
        }
    }

    func matches(provider: String, path: String) -> Bool {
        (self.provider == nil || self.provider == provider) && (route.map { path.hasPrefix($0) } ?? true)
    }
}

public struct SandboxFaultSyntaxError: Error, CustomStringConvertible, Sendable {
    public var text: String
    public var description: String {
        "--fault '\(text)' is not PROVIDER:ROUTE:KIND[=MS]:PROBABILITY[:TIMES] (e.g. ihuyi:/mms/v1/batchSend:reset:1:1, all:*:delay=250:0.2); kinds: \(SandboxFault.Kind.allCases.map(\.rawValue).joined(separator: ", ")), random-delay=MS"
    }
}
