/// The sandbox's deterministic randomness (FNV-1a of the seed and a label, mixed by SplitMix64); not for
/// anything secret.
enum SeededRandom {
    /// A number in 0..<1 that depends only on `seed` and `label`.
    static func unit(seed: UInt64, _ label: String) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in label.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Double(mix(hash) >> 11) / Double(1 << 53)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
