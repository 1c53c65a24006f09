/// Numbers as tables show them: the whole part's digits grouped in threes ("1,234,567"), a fraction kept as the
/// number has it with at least two places ("1,234.50", "0.125"), and a number too large or too small to write
/// out exactly in scientific notation ("1e+19", "-1e+300", "1e-07"): one formatting for every balance column.
public enum GroupedNumber {
    public static func text(_ value: Int) -> String {
        grouped(String(value))
    }

    public static func text(_ value: Double) -> String {
        // Swift writes the shortest text that reads back as the same Double, in scientific notation when the
        // number has more digits than a Double holds exactly (2^53 and above) or is very small.
        let shortest = "\(value)"
        guard value.isFinite, !shortest.contains("e") else { return shortest }
        return grouped(shortest)
    }

    /// `numeral` (`-?digits(.digits)?`) with its whole part grouped; a fraction of zeros dropped, any other
    /// padded to two places.
    private static func grouped(_ numeral: String) -> String {
        let negative = numeral.hasPrefix("-")
        let parts = numeral.dropFirst(negative ? 1 : 0).split(separator: ".", maxSplits: 1)
        let digits = Array(parts[0])
        let isZero = numeral.allSatisfy { "-.0".contains($0) }
        var result = negative && !isZero ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        guard parts.count == 2, parts[1].contains(where: { $0 != "0" }) else { return result }
        let fraction = parts[1].count < 2 ? parts[1] + "0" : String(parts[1])
        return result + "." + fraction
    }
}
