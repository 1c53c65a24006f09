import Foundation

/// Times as the providers write them: `YYYY-MM-DD HH:MM:SS` in China Standard Time (UTC+8, no daylight saving).
public enum ChinaTime {
    /// China Standard Time, UTC+8 all year.
    public static let zone = TimeZone(secondsFromGMT: 8 * 3600)!

    /// Parses `YYYY-MM-DD HH:MM:SS`, rejecting impossible dates such as February 30.
    public static func parse(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" })
        guard text.count == 19, parts.count == 6, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let numbers = parts.compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3], minute: numbers[4],
            second: numbers[5])
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// `date` written as `YYYY-MM-DD HH:MM:SS` in China time.
    public static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        formatter.timeZone = zone
        return formatter.string(from: date)
    }
}
