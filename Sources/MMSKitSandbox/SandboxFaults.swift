import Foundation

/// The faults in force and the draws that decide which requests they hit (seeded, so a run repeats).
actor SandboxFaults {
    private(set) var faults: [SandboxFault]
    /// Hits so far, per fault index.
    private var hits: [Int]
    private var draws: UInt64 = 0
    private let seed: UInt64

    init(_ faults: [SandboxFault], seed: UInt64) {
        self.faults = faults
        hits = Array(repeating: 0, count: faults.count)
        self.seed = seed
    }

    func replace(with faults: [SandboxFault]) {
        self.faults = faults
        hits = Array(repeating: 0, count: faults.count)
    }

    /// The faults that strike this request (at most one of each kind).
    func strike(provider: String, path: String) -> [SandboxFault] {
        var struck: [SandboxFault] = []
        for (index, fault) in faults.enumerated() where fault.matches(provider: provider, path: path) {
            if let times = fault.times, hits[index] >= times { continue }
            if struck.contains(where: { $0.kind == fault.kind }) { continue }
            draws += 1
            guard SandboxRandom.unit(seed: seed, "fault|\(draws)") < fault.probability else { continue }
            hits[index] += 1
            struck.append(fault)
        }
        return struck
    }

    func randomUnit() -> Double {
        draws += 1
        return SandboxRandom.unit(seed: seed, "delay|\(draws)")
    }
}
