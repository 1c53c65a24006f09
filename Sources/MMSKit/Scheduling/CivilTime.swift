import Foundation

/// Fixed-format date and time text read without a calendar, for the paths that read a million times a run (a
/// campaign report's receipts, a store's rows): `Calendar`-based parsing cost microseconds each.
public enum CivilTime {
    /// Seconds since 1970-01-01 00:00:00 of `YYYY-MM-DD[ T]HH:MM:SS[.fff…]` in a zone `offset` seconds ahead of
    /// UTC, or nil when `bytes` is not that (or names an impossible month, day or time; a day 31 of a 30-day month
    /// is not checked).
    /// - Parameters:
    ///   - bytes: the text's UTF-8 bytes.
    ///   - offset: the zone's offset from UTC in seconds (China time: 28,800).
    public static func seconds(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0) -> Double? {
        parts(bytes, offset: offset).map { Double($0.whole) + $0.fraction }
    }

    /// The instant `YYYY-MM-DD[ T]HH:MM:SS[.fff…]` names in a zone `offset` seconds ahead of UTC, built as
    /// Foundation builds it (from 2001-01-01, where a `Double` holds milliseconds exactly enough that the
    /// instant prints back as written), or nil when `bytes` is not that.
    /// - Parameters:
    ///   - bytes: the text's UTF-8 bytes.
    ///   - offset: the zone's offset from UTC in seconds.
    public static func date(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0) -> Date? {
        parts(bytes, offset: offset).map {
            Date(timeIntervalSinceReferenceDate: Double($0.whole - 978_307_200) + $0.fraction)
        }
    }

    /// Whole seconds since 1970 and the fraction of a second.
    private static func parts(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int) -> (whole: Int, fraction: Double)? {
        guard bytes.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) &- 0x30
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x20 || bytes[10] == 0x54, bytes[13] == 0x3A,
            bytes[16] == 0x3A, let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var fraction = 0.0
        if bytes.count > 19 {
            guard bytes[19] == 0x2E, bytes.count > 20, let digits = number(20..<bytes.count) else { return nil }
            fraction = Double(digits) / pow10(bytes.count - 20)
        }
        let days = daysSince1970(year: year, month: month, day: day)
        return (days * 86_400 + hour * 3_600 + minute * 60 + second - offset, fraction)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    /// - Parameters:
    ///   - year: the year.
    ///   - month: 1 to 12.
    ///   - day: 1 to 31.
    public static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
