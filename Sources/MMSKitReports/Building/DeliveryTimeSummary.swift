import Foundation

/// Percentiles and the distribution of delivery times.
enum DeliveryTimeSummary {
    /// The bands of the distribution: lower bound (inclusive) and label; the last is open.
    static let bands: [(from: Double, label: String)] = [
        (0, "< 10 s"), (10, "10–30 s"), (30, "30–60 s"), (60, "1–2 min"), (120, "2–5 min"), (300, "5–10 min"),
        (600, "10–30 min"), (1_800, "30–60 min"), (3_600, "1–3 h"), (10_800, "≥ 3 h"),
    ]

    /// The summary of `times` (seconds), which it sorts in place.
    static func summarize(_ times: inout [Double]) -> DeliveryTimes {
        times.sort()
        var counts = [Int](repeating: 0, count: bands.count)
        var band = 0
        for time in times {
            while band + 1 < bands.count, time >= bands[band + 1].from { band += 1 }
            counts[band] += 1
        }
        let distribution = bands.indices.map { index in
            DeliveryTimes.Band(
                label: bands[index].label, from: bands[index].from,
                to: index + 1 < bands.count ? bands[index + 1].from : nil, count: counts[index])
        }
        return DeliveryTimes(
            count: times.count, p50: percentile(0.50, of: times), p90: percentile(0.90, of: times),
            p99: percentile(0.99, of: times), minimum: times.first, maximum: times.last, distribution: distribution)
    }

    /// The nearest-rank percentile of sorted `times`: the smallest time at or below which `share` of them fall.
    static func percentile(_ share: Double, of times: [Double]) -> Double? {
        guard !times.isEmpty else { return nil }
        let rank = Int((share * Double(times.count)).rounded(.up))
        return times[max(0, min(times.count - 1, rank - 1))]
    }
}

/// Delivery reports over time, in round bins.
enum TimelineBinning {
    /// The bin lengths tried, shortest first (seconds); beyond them, whole days.
    static let lengths = [60, 300, 900, 1_800, 3_600, 10_800, 21_600, 43_200, 86_400]

    /// The timeline of `events`: bins of the shortest round length that covers them in at most
    /// `ReportLimits.timelineBins` bins, aligned to China time (a day bin starts at midnight in Beijing).
    static func bin(_ events: [TimelineEvent]) -> Timeline {
        guard let first = events.lazy.map(\.seconds).min(), let last = events.lazy.map(\.seconds).max() else {
            return Timeline(start: nil, binSeconds: 60, bins: [])
        }
        let offset = 8.0 * 3_600
        func start(_ seconds: Double, _ length: Int) -> Double {
            ((seconds + offset) / Double(length)).rounded(.down) * Double(length) - offset
        }
        var length =
            lengths.first { length in
                Int((last - start(first, length)) / Double(length)) + 1 <= ReportLimits.timelineBins
            } ?? 86_400
        while Int((last - start(first, length)) / Double(length)) + 1 > ReportLimits.timelineBins { length += 86_400 }
        let origin = start(first, length)
        let count = Int((last - origin) / Double(length)) + 1
        var delivered = [Int](repeating: 0, count: count)
        var failed = [Int](repeating: 0, count: count)
        for event in events {
            let index = min(count - 1, Int((event.seconds - origin) / Double(length)))
            if event.delivered { delivered[index] += 1 } else { failed[index] += 1 }
        }
        let bins = (0..<count).map { index in
            Timeline.Bin(
                start: Date(timeIntervalSince1970: origin + Double(index * length)), delivered: delivered[index],
                failed: failed[index])
        }
        return Timeline(start: Date(timeIntervalSince1970: origin), binSeconds: length, bins: bins)
    }
}
