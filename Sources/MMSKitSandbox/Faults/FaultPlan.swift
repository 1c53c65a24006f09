import Foundation
import MMSKit

/// The fault rules in force and the seeded draws that decide which requests they hit; not one rule
/// (``FaultRule``).
actor FaultPlan {
    private(set) var rules: [FaultRule]
    /// Hits so far, per fault index.
    private var hits: [Int]
    private var draws: UInt64 = 0
    private let seed: UInt64

    init(_ rules: [FaultRule], seed: UInt64) {
        self.rules = rules
        hits = Array(repeating: 0, count: rules.count)
        self.seed = seed
    }

    func replace(with rules: [FaultRule]) {
        self.rules = rules
        hits = Array(repeating: 0, count: rules.count)
    }

    /// The faults that strike this request (at most one of each kind).
    func strike(provider: ProviderID, path: String) -> [FaultRule] {
        var struck: [FaultRule] = []
        for (index, fault) in rules.enumerated() where fault.matches(provider: provider, path: path) {
            if let times = fault.times, hits[index] >= times { continue }
            if struck.contains(where: { $0.kind == fault.kind }) { continue }
            draws += 1
            guard SeededRandom.unit(seed: seed, "fault|\(draws)") < fault.probability else { continue }
            hits[index] += 1
            struck.append(fault)
        }
        return struck
    }

    func randomUnit() -> Double {
        draws += 1
        return SeededRandom.unit(seed: seed, "delay|\(draws)")
    }
}
