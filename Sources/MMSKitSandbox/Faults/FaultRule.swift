import Foundation
import MMSKit

/// One fault to inject: which requests it matches, what it does to them and how often; not the faults in force
/// (the control API and `--fault` set those).
///
/// What real networks and providers do now and then, on demand. Off unless asked for (`--fault`, or
/// `PUT /_sandbox/faults`). Every rule is made by one validating initializer, whichever way it is given (the
/// command line, JSON, code).
public struct FaultRule: Codable, Sendable, Hashable {
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
    }

    /// The providers a fault can name (`all`, `*` or none: every one).
    public static let providers = [
        IhuyiEmulator.provider, JPushEmulator.provider, ItniotechEmulator.provider, SendPulseEmulator.provider,
    ]

    /// `ihuyi`, `jpush`, `itniotech`, `sendpulse`, or nil for every provider.
    public private(set) var provider: ProviderID?
    /// A path prefix such as `/mms/v1/batchSend`, or nil for every route of the provider.
    public private(set) var route: String?
    /// What the fault does.
    public private(set) var kind: Kind
    /// 0…1: the share of matching requests hit.
    public private(set) var probability: Double
    /// For `delay` (required there, refused elsewhere): milliseconds, 0 to `maximumDelayMilliseconds`.
    public private(set) var delayMilliseconds: Int?
    /// For `delay`: a uniform random wait up to the delay instead of exactly it.
    public private(set) var random: Bool?
    /// At most this many hits (1 or more), then the fault is spent (nil: no limit).
    public private(set) var times: Int?

    /// Checks every field, and refuses the first wrong one by name.
    /// - Parameters:
    ///   - provider: one of `providers`; nil for every provider.
    ///   - route: a path prefix starting with `/`; nil or `*` for every route.
    ///   - kind: what the client sees.
    ///   - probability: the share of matching requests hit, 0 to 1.
    ///   - delayMilliseconds: for `delay` (required there, refused for the other kinds): 0 to an hour.
    ///   - random: for `delay` only: wait a uniform random time up to the delay instead of exactly it.
    ///   - times: at most this many hits (1 or more); nil for no limit.
    public init(
        provider: ProviderID? = nil, route: String? = nil, kind: Kind, probability: Double = 1,
        delayMilliseconds: Int? = nil, random: Bool? = nil, times: Int? = nil
    ) throws(FaultRuleError) {
        if let provider, !Self.providers.contains(provider) {
            throw FaultRuleError(
                field: "provider",
                "provider '\(provider)' is not one of \((Self.providers.map(\.rawValue) + ["all"]).joined(separator: ", "))"
            )
        }
        self.provider = provider
        switch route {
        case nil, "*": self.route = nil
        case ""?:
            throw FaultRuleError(
                field: "route", "route is empty: give a path prefix such as /mms/v1/batchSend, or * for every route")
        case let path? where path.hasPrefix("/") && !path.contains(where: \.isWhitespace): self.route = path
        case let path?:
            throw FaultRuleError(
                field: "route", "route '\(path)' is not a path prefix starting with / (or * for every route)")
        }
        self.kind = kind
        guard (0...1).contains(probability) else {
            throw FaultRuleError(field: "probability", "probability \(probability) is not between 0 and 1")
        }
        self.probability = probability
        if kind == .delay {
            guard let delayMilliseconds else {
                throw FaultRuleError(
                    field: "delayMilliseconds",
                    "kind delay needs its delay in milliseconds (delay=MS, or delayMilliseconds in JSON)")
            }
            guard delayMilliseconds >= 0 else {
                throw FaultRuleError(
                    field: "delayMilliseconds",
                    "delayMilliseconds: the delay \(delayMilliseconds) ms is negative; give 0 or more")
            }
            guard delayMilliseconds <= Self.maximumDelayMilliseconds else {
                throw FaultRuleError(
                    field: "delayMilliseconds",
                    "delayMilliseconds: the delay \(delayMilliseconds) ms is over an hour (\(Self.maximumDelayMilliseconds) ms)"
                )
            }
        } else if delayMilliseconds != nil || random != nil {
            throw FaultRuleError(
                field: delayMilliseconds != nil ? "delayMilliseconds" : "random",
                "a delay (and random) is only for kind delay, not \(kind.rawValue)")
        }
        self.delayMilliseconds = delayMilliseconds
        self.random = random
        if let times, times < 1 {
            throw FaultRuleError(field: "times", "times \(times) is less than 1 (leave it out for no limit)")
        }
        self.times = times
    }

    /// Reads `--fault PROVIDER:ROUTE:KIND[=MS]:PROBABILITY[:TIMES]`, e.g. `ihuyi:/mms/v1/batchSend:reset:1:1`,
    /// `all:*:delay=250:0.2`, `jpush:*:rateLimited:0.1`. `random-delay=MS` is a random delay up to MS.
    public init(parsing text: String) throws(FaultRuleError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (4...5).contains(parts.count) else {
            throw FaultRuleError(
                field: nil,
                "it has \(parts.count) part(s) separated by ':', not 4 or 5 (PROVIDER:ROUTE:KIND:PROBABILITY)")
        }
        let (kind, random, delay) = try Self.kind(spelled: parts[2])
        guard let probability = Double(parts[3]) else {
            throw FaultRuleError(field: "probability", "probability '\(parts[3])' is not a number between 0 and 1")
        }
        var times: Int?
        if parts.count == 5 {
            guard let count = Int(parts[4]) else {
                throw FaultRuleError(field: "times", "times '\(parts[4])' is not a whole number")
            }
            times = count
        }
        try self.init(
            provider: Self.provider(named: parts[0]), route: parts[1], kind: kind, probability: probability,
            delayMilliseconds: delay,
            random: random, times: times)
    }

    /// A kind as `--fault` spells it, which the JSON `kind` accepts too: a kind's name, `delay=MS`,
    /// `random-delay` or `random-delay=MS` (a random wait up to MS). The delay is checked by the initializer.
    static func kind(spelled text: String) throws(FaultRuleError) -> (kind: Kind, random: Bool?, delay: Int?) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let random = parts[0] == Self.randomDelay ? true : nil
        guard let kind = random == true ? Kind.delay : Kind(rawValue: parts[0]) else {
            throw FaultRuleError(
                field: "kind",
                "kind '\(parts[0])' is not one of \((Kind.allCases.map(\.rawValue) + [Self.randomDelay]).joined(separator: ", ")) (delay and random-delay take =MS)"
            )
        }
        guard parts.count == 2 else { return (kind, random, nil) }
        guard let milliseconds = Int(parts[1]) else {
            throw FaultRuleError(
                field: "delayMilliseconds", "the delay '\(parts[1])' is not a whole number of milliseconds")
        }
        return (kind, random, milliseconds)
    }

    /// The provider `--fault` and the JSON name, in any letter case: nil (every provider) for `all`, `*` or none.
    static func provider(named name: String?) -> ProviderID? {
        switch name?.lowercased() {
        case nil, "all", "*": nil
        case let name?: ProviderID(name)
        }
    }

    /// The name of a random delay in `--fault` and the JSON `kind`.
    static let randomDelay = "random-delay"

    /// The longest delay a fault takes, in milliseconds: an hour (a client gives up long before).
    public static let maximumDelayMilliseconds = 3_600_000

    /// The kind as `--fault` writes it: `delay=250` or `random-delay=250` with its delay, else the kind's name.
    var spelledKind: String {
        guard kind == .delay, let delayMilliseconds else { return kind.rawValue }
        return "\(random == true ? Self.randomDelay : kind.rawValue)=\(delayMilliseconds)"
    }

    private enum CodingKeys: String, CodingKey {
        case provider, route, kind, probability, delayMilliseconds, random, times
    }

    /// The JSON form of `PUT /_sandbox/faults`: `kind` and `probability` required, the rest optional; `kind` is
    /// spelled as in `--fault` (`delay=250`, `random-delay=250`, or `delay` with `delayMilliseconds`); the same
    /// checks as the command line, a failure naming its field in a `DecodingError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            let (kind, spelledRandom, spelledDelay) = try Self.kind(
                spelled: try container.decode(String.self, forKey: .kind))
            let delay = try container.decodeIfPresent(Int.self, forKey: .delayMilliseconds)
            let random = try container.decodeIfPresent(Bool.self, forKey: .random)
            if let spelledDelay, let delay, spelledDelay != delay {
                throw FaultRuleError(
                    field: "delayMilliseconds",
                    "delayMilliseconds \(delay) contradicts the kind's own delay of \(spelledDelay) ms; give it once")
            }
            if spelledRandom == true, random == false {
                throw FaultRuleError(field: "random", "random false contradicts the kind random-delay; give it once")
            }
            try self.init(
                provider: Self.provider(named: try container.decodeIfPresent(String.self, forKey: .provider)),
                route: try container.decodeIfPresent(String.self, forKey: .route), kind: kind,
                probability: try container.decode(Double.self, forKey: .probability),
                delayMilliseconds: spelledDelay ?? delay, random: spelledRandom ?? random,
                times: try container.decodeIfPresent(Int.self, forKey: .times))
        } catch let error as FaultRuleError {
            let key = error.field.flatMap(CodingKeys.init(stringValue:))
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath + (key.map { [$0] } ?? []), debugDescription: error.description))
        }
    }

    func matches(provider: ProviderID, path: String) -> Bool {
        (self.provider == nil || self.provider == provider) && (route.map { path.hasPrefix($0) } ?? true)
    }
}
