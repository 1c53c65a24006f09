/// Comparison whose time does not depend on where two secrets first differ, so that a client cannot guess a
/// token byte by byte from response times.
enum ConstantTime {
    /// Whether `given` equals `expected`; the time depends only on the lengths.
    static func equals(_ given: some Collection<UInt8>, _ expected: some Collection<UInt8>) -> Bool {
        let given = Array(given)
        let expected = Array(expected)
        var difference = UInt8(truncatingIfNeeded: given.count ^ expected.count)
        difference |= given.count == expected.count ? 0 : 1
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : ~expected[index])
        }
        return difference == 0
    }
}
