import Foundation

/// A fault the sandbox injects into a provider's answers, with a probability: what real networks and providers
/// do now and then, on demand. Off unless asked for (`--fault`, or `PUT /_sandbox/faults`). Every fault is made
/// by one validating initializer, whichever way it is given (the command line, JSON, code).
public struct SandboxFault: Codable, Sendable, Hashable {
    /// What the fault does to a matching request; the raw value is its name in `--fault` and JSON.
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

        /// The kind called `name`.
        public init(named name: String) throws(SandboxFaultError) {
            guard let kind = Kind(rawValue: name) else {
                throw SandboxFaultError(
                    field: "kind",
                    "kind '\(name)' is not one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self = kind
        }
    }

    /// The providers a fault can name (`all`, `*` or none: every one).
    public static let providers = [
        IhuyiSandbox.provider, JPushSandbox.provider, ItniotechSandbox.provider, SendPulseSandbox.provider,
    ]

    /// `ihuyi`, `jpush`, `itniotech`, `sendpulse`, or nil for every provider.
    public private(set) var provider: String?
    /// A path prefix such as `/mms/v1/batchSend`, or nil for every route of the provider.
    public private(set) var route: String?
    /// What the fault does.
    public private(set) var kind: Kind
    /// 0…1: the share of matching requests hit.
    public private(set) var probability: Double
    /// For `delay` (required there, refused elsewhere): milliseconds, 0 or more.
    public private(set) var delayMilliseconds: Int?
    /// For `delay`: a uniform random wait up to the delay instead of exactly it.
    public private(set) var random: Bool?
    /// At most this many hits (1 or more), then the fault is spent (nil: no limit).
    public private(set) var times: Int?

    /// Checks every field, and refuses the first wrong one by name.
    /// - Parameters:
    ///   - provider: one of `providers`; nil, `all` or `*` for every provider.
    ///   - route: a path prefix starting with `/`; nil or `*` for every route.
    ///   - kind: what the client sees.
    ///   - probability: the share of matching requests hit, 0 to 1.
    ///   - delayMilliseconds: for `delay` (required there, refused for the other kinds): 0 or more.
    ///   - random: for `delay` only: wait a uniform random time up to the delay instead of exactly it.
    ///   - times: at most this many hits (1 or more); nil for no limit.
    public init(
        provider: String? = nil, route: String? = nil, kind: Kind, probability: Double = 1,
        delayMilliseconds: Int? = nil, random: Bool? = nil, times: Int? = nil
    ) throws(SandboxFaultError) {
        switch provider {
        case nil, "all", "*": self.provider = nil
        case let name? where Self.providers.contains(name): self.provider = name
        case let name?:
            throw SandboxFaultError(
                field: "provider",
                "provider '\(name)' is not one of \((Self.providers + ["all"]).joined(separator: ", "))")
        }
        switch route {
        case nil, "*": self.route = nil
        case ""?:
            throw SandboxFaultError(
                field: "route", "route is empty: give a path prefix such as /mms/v1/batchSend, or * for every route")
        case let path? where path.hasPrefix("/") && !path.contains(where: \.isWhitespace): self.route = path
        case let path?:
            throw SandboxFaultError(
                field: "route", "route '\(path)' is not a path prefix starting with / (or * for every route)")
        }
        self.kind = kind
        guard (0...1).contains(probability) else {
            throw SandboxFaultError(field: "probability", "probability \(probability) is not between 0 and 1")
        }
        self.probability = probability
        if kind == .delay {
            guard let delayMilliseconds else {
                throw SandboxFaultError(
                    field: "delayMilliseconds",
                    "kind delay needs its delay in milliseconds (delay=MS, or delayMilliseconds in JSON)")
            }
            guard delayMilliseconds >= 0 else {
                throw SandboxFaultError(
                    field: "delayMilliseconds", "the delay \(delayMilliseconds) ms is negative; give 0 or more")
            }
        } else if delayMilliseconds != nil || random != nil {
            throw SandboxFaultError(
                field: delayMilliseconds != nil ? "delayMilliseconds" : "random",
                "a delay (and random) is only for kind delay, not \(kind.rawValue)")
        }
        self.delayMilliseconds = delayMilliseconds
        self.random = random
        if let times, times < 1 {
            throw SandboxFaultError(field: "times", "times \(times) is less than 1 (leave it out for no limit)")
        }
        self.times = times
    }

    /// Reads `--fault PROVIDER:ROUTE:KIND[=MS]:PROBABILITY[:TIMES]`, e.g. `ihuyi:/mms/v1/batchSend:reset:1:1`,
    /// `all:*:delay=250:0.2`, `jpush:*:rateLimited:0.1`. `random-delay=MS` is a random delay up to MS.
    public init(parsing text: String) throws(SandboxFaultError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (4...5).contains(parts.count) else {
            throw SandboxFaultError(
                field: nil,
                "it has \(parts.count) part(s) separated by ':', not 4 or 5 (PROVIDER:ROUTE:KIND:PROBABILITY)")
        }
        let kindParts = parts[2].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let random = kindParts[0] == "random-delay" ? true : nil
        let kind = random == true ? Kind.delay : try Kind(named: kindParts[0])
        var delay: Int?
        if kindParts.count == 2 {
            guard let milliseconds = Int(kindParts[1]) else {
                throw SandboxFaultError(
                    field: "delayMilliseconds", "the delay '\(kindParts[1])' is not a whole number of milliseconds")
            }
            delay = milliseconds
        }
        guard let probability = Double(parts[3]) else {
            throw SandboxFaultError(field: "probability", "probability '\(parts[3])' is not a number between 0 and 1")
        }
        var times: Int?
        if parts.count == 5 {
            guard let count = Int(parts[4]) else {
                throw SandboxFaultError(field: "times", "times '\(parts[4])' is not a whole number")
            }
            times = count
        }
        try self.init(
            provider: parts[0], route: parts[1], kind: kind, probability: probability, delayMilliseconds: delay,
            random: random, times: times)
    }

    private enum CodingKeys: String, CodingKey {
        case provider, route, kind, probability, delayMilliseconds, random, times
    }

    /// The JSON form of `PUT /_sandbox/faults`: `kind` and `probability` required, the rest optional; the same
    /// checks as the command line, a failure naming its field in a `DecodingError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                provider: try container.decodeIfPresent(String.self, forKey: .provider),
                route: try container.decodeIfPresent(String.self, forKey: .route),
                kind: try Kind(named: try container.decode(String.self, forKey: .kind)),
                probability: try container.decode(Double.self, forKey: .probability),
                delayMilliseconds: try container.decodeIfPresent(Int.self, forKey: .delayMilliseconds),
                random: try container.decodeIfPresent(Bool.self, forKey: .random),
                times: try container.decodeIfPresent(Int.self, forKey: .times))
        } catch let error as SandboxFaultError {
            let key = error.field.flatMap(CodingKeys.init(stringValue:))
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath + (key.map { [$0] } ?? []), debugDescription: error.description))
        }
    }

    func matches(provider: String, path: String) -> Bool {
        (self.provider == nil || self.provider == provider) && (route.map { path.hasPrefix($0) } ?? true)
    }
}
