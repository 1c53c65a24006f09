import Foundation
import MMSKit

/// Reads the times providers write, fast enough for a million receipts: China time (`YYYY-MM-DD HH:MM:SS`, how
/// ihuyi writes `send_time` and `report_time`) and Unix time in seconds or milliseconds (JSMS's `receiveTime`).
/// `ChinaTime.parse` builds a calendar per call, which a report of a million receipts cannot afford.
enum ReportTime {
    /// Seconds since 1970 of `text`, or nil when it is neither form.
    static func seconds(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { seconds(utf8: $0) }
    }

    static func seconds(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if bytes.count == 19 { return chinaTime(bytes) }
        guard (9...13).contains(bytes.count), bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var value = 0
        for byte in bytes { value = value * 10 + Int(byte - 0x30) }
        return bytes.count >= 12 ? Double(value) / 1000 : Double(value)
    }

    /// `YYYY-MM-DD HH:MM:SS` in China time (UTC+8, no daylight saving).
    private static func chinaTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        CivilTime.seconds(bytes, offset: 8 * 3_600)
    }

    /// A time as the report shows it: China time as the provider wrote it, and Unix time (JSMS's milliseconds)
    /// in China time too, so that every time reads alike.
    static func display(_ text: String?) -> String? {
        guard let text, text.utf8.count != 19, let seconds = seconds(text) else { return text }
        return ChinaTime.format(Date(timeIntervalSince1970: seconds))
    }

    /// The value of `"name":"…"` in a JSON object's bytes, for a field that holds no escapes (a time); nil when
    /// the field is absent or not a plain string. Reading one time from each of a million payloads this way
    /// avoids parsing them whole.
    static func field(_ name: String, in payload: Data) -> Double? {
        let key = Array("\"\(name)\":".utf8)
        return payload.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Double? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count > key.count, let base = bytes.baseAddress else { return nil }
            var index = 0
            let last = bytes.count - key.count
            while index <= last {
                guard let found = memchr(base + index, Int32(key[0]), last - index + 1) else { return nil }
                let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + start, key, key.count) == 0 {
                    var cursor = start + key.count
                    while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
                    if cursor < bytes.count, bytes[cursor] == 0x22 {
                        let valueStart = cursor + 1
                        var end = valueStart
                        while end < bytes.count, bytes[end] != 0x22, bytes[end] != 0x5C { end += 1 }
                        guard end < bytes.count, bytes[end] == 0x22 else { return nil }
                        return seconds(utf8: UnsafeBufferPointer(rebasing: bytes[valueStart..<end]))
                    }
                    var end = cursor
                    while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
                    return end > cursor ? seconds(utf8: UnsafeBufferPointer(rebasing: bytes[cursor..<end])) : nil
                }
                index = start + 1
            }
            return nil
        }
    }
}
