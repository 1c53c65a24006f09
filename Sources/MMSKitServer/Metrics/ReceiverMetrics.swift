import MMSKit
import MMSKitStore
import Prometheus
import Synchronization

/// What the receiver counts, in a Prometheus registry of its own (swift-prometheus), served at `GET /metrics`
/// in the text exposition format. Labels are routes, methods, statuses, providers, kinds and outcomes only:
/// never a phone number, a task id, a token or a secret.
///
/// | metric | type | labels |
/// |---|---|---|
/// | `mmskit_receiver_requests_total` | counter | `route` (the route's pattern, or `unmatched`), `method`, `status` |
/// | `mmskit_receiver_request_duration_seconds` | histogram | `route` |
/// | `mmskit_store_records_total` | counter | `provider`, `kind`, `result` (`inserted`, `updated`, `duplicate`) |
/// | `mmskit_store_commit_records` | histogram | — (records per group commit) |
/// | `mmskit_store_commit_duration_seconds` | histogram | — (one transaction, fsync included) |
/// | `mmskit_outbox_backlog` | gauge | — (records waiting to be forwarded) |
/// | `mmskit_forwarding_failures_total` | counter | — (failed delivery attempts) |
public struct ReceiverMetrics: Sendable {
    /// The registry the metrics live in (a process may serve it elsewhere too).
    public let registry: PrometheusCollectorRegistry
    private let commitRecords: ValueHistogram
    private let commitDuration: DurationHistogram
    private let backlog: Gauge
    private let forwardingFailures: Counter
    private let requestSeries = SeriesCache<RequestLabels, RequestSeries>()
    private let storedSeries = SeriesCache<StoredLabels, Counter>()

    /// Metrics in `registry` (a new one by default).
    /// - Parameter registry: where the collectors are made; pass a shared one to serve them with others.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        commitRecords = registry.makeValueHistogram(
            descriptor: Self.named(
                "mmskit_store_commit_records", help: "Records written per group-commit transaction."),
            buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 5_000])
        commitDuration = registry.makeDurationHistogram(
            descriptor: Self.named(
                "mmskit_store_commit_duration_seconds", help: "Time of one group-commit transaction, fsync included."),
            buckets: Self.latencyBuckets)
        backlog = registry.makeGauge(
            descriptor: Self.named(
                "mmskit_outbox_backlog", help: "Stored records waiting to be forwarded to --forward-to."))
        forwardingFailures = registry.makeCounter(
            descriptor: Self.named("mmskit_forwarding_failures_total", help: "Failed attempts to forward a record."))
    }

    /// A metric's full name and its help text, as the registry takes them (the name is not split into parts).
    private static func named(_ name: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    static let latencyBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]

    /// Counts one answered request.
    func request(route: String, method: String, status: Int, duration: Duration) {
        let series = requestSeries.series(for: RequestLabels(route: route, method: method, status: status)) {
            labels in
            RequestSeries(
                count: registry.makeCounter(
                    descriptor: Self.named(
                        "mmskit_receiver_requests_total", help: "Requests answered, by route, method and status."),
                    labels: [("route", labels.route), ("method", labels.method), ("status", String(labels.status))]),
                duration: registry.makeDurationHistogram(
                    descriptor: Self.named(
                        "mmskit_receiver_request_duration_seconds", help: "Time to answer a request, by route."),
                    labels: [("route", labels.route)], buckets: Self.latencyBuckets))
        }
        series.count.increment()
        series.duration.record(duration)
    }

    /// Counts what one `store` call did with records of one provider and kind.
    func stored(_ outcome: StoreOutcome, provider: ProviderID, kind: PushKind) {
        for (result, count) in [
            ("inserted", outcome.inserted), ("updated", outcome.updated), ("duplicate", outcome.duplicates),
        ]
        where count > 0 {
            storedSeries.series(for: StoredLabels(provider: provider, kind: kind, result: result)) {
                labels in
                registry.makeCounter(
                    descriptor: Self.named(
                        "mmskit_store_records_total", help: "Records stored, by provider, kind and result."),
                    labels: [
                        ("provider", labels.provider.rawValue), ("kind", labels.kind.rawValue),
                        ("result", labels.result),
                    ])
            }.increment(by: Int64(count))
        }
    }

    /// Records one group commit.
    func committed(_ observation: CommitObservation) {
        commitRecords.record(Double(observation.records))
        commitDuration.record(observation.duration)
    }

    /// Sets the outbox backlog.
    func outboxBacklog(_ count: Int) { backlog.set(Double(count)) }

    /// Counts a failed forwarding attempt.
    func forwardingFailed() { forwardingFailures.increment() }

    /// Every metric in the Prometheus text format.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}

/// The labels of one request series: bounded, as the route is a pattern (`unmatched` for any other path), the
/// method one of the few the HTTP parser accepts and the status one of the few the receiver answers.
private struct RequestLabels: Hashable, Sendable {
    let route: String
    let method: String
    let status: Int
}

/// One request series' counter and histogram.
private struct RequestSeries: Sendable {
    let count: Counter
    let duration: DurationHistogram
}

/// The labels of one stored-records series.
private struct StoredLabels: Hashable, Sendable {
    let provider: ProviderID
    let kind: PushKind
    let result: String
}

/// Collectors asked of the registry once per label set and kept, shared by every copy of the `ReceiverMetrics`
/// that made them. Each `make…` call of the registry checks the metric's name, labels, help text and buckets and
/// takes the registry's lock: per request, that cost a few per cent of the receiver's CPU.
private final class SeriesCache<Labels: Hashable & Sendable, Series: Sendable>: Sendable {
    private let made = Mutex<[Labels: Series]>([:])

    /// The series for `labels`, made by `make` the first time.
    func series(for labels: Labels, make: (Labels) -> Series) -> Series {
        made.withLock { made in
            if let series = made[labels] { return series }
            let series = make(labels)
            made[labels] = series
            return series
        }
    }
}
