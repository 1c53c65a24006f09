import Foundation
import MMSKit

/// Figures as the report shows them to people: counts grouped in threes, shares as percentages, durations in
/// the units a person would say, times in China time. Never `NaN` or `inf`: what cannot be shown is a dash.
public enum ReportNumber {
    /// `1234567` as `1,234,567`.
    static func grouped(_ count: Int) -> String {
        let digits = Array(String(count.magnitude))
        var result = count < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return result
    }

    /// `part` of `whole` as `97.3%`; a dash when `whole` is 0.
    /// - Parameters:
    ///   - part: the count.
    ///   - whole: what it is a share of.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole != 0 else { return "–" }
        return percent(Double(part) / Double(whole))
    }

    /// A share (0.973) as `97.3%`; a share just under 1 is not rounded up to 100% nor one above 0 down to 0%.
    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "–" }
        var shown = String(format: "%.1f", share * 100)
        if shown == "100.0" && share < 1 { shown = "99.9" }
        if shown == "0.0" && share > 0 { shown = "<0.1" }
        return shown + "%"
    }

    /// Seconds as `0.4 s`, `42 s`, `3 min 5 s`, `1 h 2 min` or `2 d 3 h`; a dash when there is no value.
    /// - Parameter seconds: the duration, or nil for none.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "–" }
        if seconds < 0 { return "-" + duration(-seconds) }
        if seconds < 10 && seconds.rounded() != seconds {
            return String(format: "%.1f s", seconds)
        }
        let whole = Int(min(seconds.rounded(), Double(Int.max / 2)))
        switch whole {
        case ..<60:
            return "\(whole) s"
        case ..<3600:
            return join(whole / 60, "min", whole % 60, "s")
        case ..<86_400:
            let minutes = (whole + 30) / 60
            return minutes >= 1440 ? "1 d" : join(minutes / 60, "h", minutes % 60, "min")
        default:
            let hours = (whole + 1800) / 3600
            return join(hours / 24, "d", hours % 24, "h")
        }
    }

    /// `3 min 5 s`, or `3 min` when the smaller unit is 0.
    private static func join(_ large: Int, _ largeUnit: String, _ small: Int, _ smallUnit: String) -> String {
        small == 0 ? "\(grouped(large)) \(largeUnit)" : "\(grouped(large)) \(largeUnit) \(small) \(smallUnit)"
    }

    /// `date` in China time, `2025-03-01 10:05:00`.
    static func chinaTime(_ date: Date) -> String {
        ChinaTime.format(date)
    }
}
