import Foundation
import MMSKitTestSupport
import Synchronization
import Testing

@testable import MMSKitProviders

/// No more than `limit` request starts in any sliding window, across concurrent callers.
@Suite struct RateLimitedTransportTests {
    static let request = HTTPRequest(method: .get, url: URL(string: "https://api.example.com/balance")!)

    @Test func twentyFiveConcurrentRequestsAtTenPerSecond() async throws {
        let clock = ManualClock()
        let recorder = StartRecorder { clock.now.offset }
        let transport = RateLimitedTransport(wrapping: recorder, limit: 10, per: .seconds(1), clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<25 {
                group.addTask { _ = try await transport.send(Self.request) }
            }
            // Move the clock only when every admitted request has started and the next caller sleeps, so the
            // recorded start times are the admission times.
            var step = 0
            while true {
                let expected = min(25, 10 * (step + 1))
                try await eventually {
                    recorder.starts.count >= expected && (recorder.starts.count == 25 || clock.sleepers > 0)
                }
                if recorder.starts.count >= 25 { break }
                clock.advanceToNextDeadline()
                step += 1
            }
            try await group.waitForAll()
        }
        let starts = recorder.starts.sorted()
        #expect(starts.count == 25)
        for index in 10..<starts.count {
            #expect(
                starts[index] - starts[index - 10] >= .seconds(1),
                "11 starts within one second ending at \(starts[index])")
        }
        #expect(starts.last == .seconds(2), "10 at 0 s, 10 at 1 s, 5 at 2 s: no longer than needed")
    }

    @Test func realTimeRequestsAreSpacedOut() async throws {
        let clock = ContinuousClock()
        let origin = clock.now
        let recorder = StartRecorder { origin.duration(to: clock.now) }
        let transport = RateLimitedTransport(wrapping: recorder, limit: 3, per: .milliseconds(300))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<7 {
                group.addTask { _ = try await transport.send(Self.request) }
            }
            try await group.waitForAll()
        }
        let starts = recorder.starts.sorted()
        #expect(starts.count == 7)
        // A request is recorded after it was admitted, never before: so the k-th start cannot come earlier than
        // k / 3 full windows, however the machine schedules the tasks (no upper bound: a loaded machine is slow).
        for (index, start) in starts.enumerated() {
            #expect(start >= .milliseconds(300 * (index / 3)), "start \(index) at \(start)")
        }
    }

    /// Counting until answered: each request holds its place until `period` after its answer, so a server that
    /// receives a request late (a slow network) still never sees more than `limit` in a period.
    @Test func aPlaceIsHeldUntilAPeriodAfterTheAnswer() async throws {
        let origin = ContinuousClock.now
        let slow = SlowTransport(delay: .milliseconds(150)) { origin.duration(to: .now) }
        let transport = RateLimitedTransport(
            wrapping: slow, limit: 2, per: .milliseconds(100), countingUntilAnswered: true)
        #expect(transport.countsUntilAnswered)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 { group.addTask { _ = try await transport.send(Self.request) } }
            try await group.waitForAll()
        }
        let starts = slow.starts.sorted()
        let ends = slow.ends.sorted()
        #expect(starts.count == 6)
        for index in 2..<starts.count {
            #expect(
                starts[index] >= ends[index - 2] + .milliseconds(100),
                "request \(index + 1) started \(starts[index]), within 100 ms of an answer at \(ends[index - 2])")
        }
    }

    @Test func callersAreServedInArrivalOrder() async throws {
        let clock = ManualClock()
        let recorder = StartRecorder { clock.now.offset }
        let transport = RateLimitedTransport(wrapping: recorder, limit: 1, per: .seconds(1), clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<4 {
                let request = HTTPRequest(method: .get, url: URL(string: "https://api.example.com/\(index)")!)
                group.addTask { _ = try await transport.send(request) }
                // The next caller arrives once this one started or waits.
                try await eventually { await recorder.starts.count + transport.waitingCallers() > index }
            }
            for step in 1..<4 {
                try await eventually { recorder.starts.count >= step && clock.sleepers > 0 }
                clock.advanceToNextDeadline()
            }
            try await group.waitForAll()
        }
        #expect(recorder.paths == ["/0", "/1", "/2", "/3"])
        #expect(recorder.starts == [.seconds(0), .seconds(1), .seconds(2), .seconds(3)])
    }

    @Test func theInnerAnswerAndErrorsPassThrough() async throws {
        let inner = RecordingTransport([.success(.text(200, "{}")), .failure(TransportError(.timedOut, "slow"))])
        let transport = RateLimitedTransport(wrapping: inner, limit: 10)
        #expect(try await transport.send(Self.request).status == 200)
        await #expect(throws: TransportError(.timedOut, "slow")) { try await transport.send(Self.request) }
    }
}

/// Polls `condition` until it holds, failing after a minute (a loaded machine may not run the tasks for a while).
private func eventually(_ condition: () async -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while !(await condition()) {
        guard ContinuousClock.now < deadline else { throw TimedOut() }
        try await Task.sleep(for: .milliseconds(1))
    }
}

private struct TimedOut: Error {}

/// Records when (by its own clock) and for which path each request started, and answers 200.
private final class StartRecorder: HTTPTransport {
    private let now: @Sendable () -> Duration
    private let log = Mutex<[(Duration, String)]>([])

    init(now: @escaping @Sendable () -> Duration) {
        self.now = now
    }

    var starts: [Duration] { log.withLock { $0.map(\.0) } }
    var paths: [String] { log.withLock { $0.map(\.1) } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        log.withLock { $0.append((now(), request.url.path)) }
        return HTTPResponse(status: 200)
    }
}

/// A clock that moves only when the test says, resuming the sleepers whose deadline has come.
private final class ManualClock: Clock {
    struct Instant: InstantProtocol {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [(deadline: Instant, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .zero }
    /// How many callers are sleeping.
    var sleepers: Int { state.withLock { $0.sleepers.count } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        await withCheckedContinuation { continuation in
            let due = state.withLock { state in
                if deadline <= state.now { return true }
                state.sleepers.append((deadline, continuation))
                return false
            }
            if due { continuation.resume() }
        }
    }

    /// Moves to the earliest deadline of the sleepers and wakes those due.
    func advanceToNextDeadline() {
        let due = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard let next = state.sleepers.map(\.deadline).min() else { return [] }
            state.now = max(state.now, next)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }.map(\.continuation)
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for continuation in due { continuation.resume() }
    }
}

/// Takes `delay` to answer, recording when each request started and ended.
private final class SlowTransport: HTTPTransport {
    private let delay: Duration
    private let now: @Sendable () -> Duration
    private let log = Mutex<(starts: [Duration], ends: [Duration])>(([], []))

    init(delay: Duration, now: @escaping @Sendable () -> Duration) {
        self.delay = delay
        self.now = now
    }

    var starts: [Duration] { log.withLock { $0.starts } }
    var ends: [Duration] { log.withLock { $0.ends } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        log.withLock { $0.starts.append(now()) }
        try? await Task.sleep(for: delay)
        log.withLock { $0.ends.append(now()) }
        return HTTPResponse(status: 200)
    }
}
