/// Durations as a report shows them: `42 s`, `3 min 5 s`, `1 h 2 min`, `2 d 3 h`.
public enum ReportDuration {
    /// `seconds` in the largest two units that matter.
    /// - Parameter seconds: a duration of 0 or more seconds.
    public static func text(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3_600 { return whole % 60 == 0 ? "\(whole / 60) min" : "\(whole / 60) min \(whole % 60) s" }
        if whole < 86_400 {
            let minutes = whole % 3_600 / 60
            return minutes == 0 ? "\(whole / 3_600) h" : "\(whole / 3_600) h \(minutes) min"
        }
        let hours = whole % 86_400 / 3_600
        return hours == 0 ? "\(whole / 86_400) d" : "\(whole / 86_400) d \(hours) h"
    }
}
